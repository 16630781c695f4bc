import { downloadedBytes } from './kafka-distribution';

describe('downloadedBytes', () => {
  it.each([
    [
      '[INFO] Downloaded from central: https://repo.maven.apache.org/maven2/org/apache/kafka/kafka_2.13/3.9.1/kafka_2.13-3.9.1.jar (6.2 MB at 3.1 MB/s)',
      6.2e6,
    ],
    ['Downloaded from central: https://repo/x.pom (1.9 kB at 40 kB/s)', 1.9e3],
    ['Downloaded from central: https://repo/y.sha1 (40 B at 1 kB/s)', 40],
  ])('reads the size of %s', (line, bytes) => {
    expect(downloadedBytes(line)).toBeCloseTo(bytes);
  });

  it.each([['[INFO] Downloading from central: https://repo/x.jar'], ['[INFO] BUILD SUCCESS']])(
    'counts nothing for %s',
    (line) => {
      expect(downloadedBytes(line)).toBeUndefined();
    },
  );
});
