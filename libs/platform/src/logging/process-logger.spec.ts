import { createProcessLogger } from './process-logger';

function capture(): {
  destination: { write(line: string): void };
  lines(): Record<string, unknown>[];
} {
  const written: string[] = [];
  return {
    destination: { write: (line: string) => void written.push(line) },
    lines: () => written.map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}

describe('createProcessLogger', () => {
  it('writes one JSON shape: ISO time, level as a word, process, msg and context fields', () => {
    const log = capture();
    const sut = createProcessLogger({
      process: 'payload-tracker-test',
      level: 'info',
      destination: log.destination,
    });

    sut.info({ topic: 'statuses', partition: 3 }, 'partitions assigned');

    const [line] = log.lines();
    expect(Object.keys(line ?? {}).sort()).toEqual(
      ['level', 'msg', 'partition', 'process', 'time', 'topic'].sort(),
    );
    expect(line).toMatchObject({
      level: 'info',
      process: 'payload-tracker-test',
      msg: 'partitions assigned',
    });
    expect(String(line?.['time'])).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
  });

  it('leaves out lines below its level and never writes identity or credential headers', () => {
    const log = capture();
    const sut = createProcessLogger({ process: 'p', level: 'info', destination: log.destination });

    sut.debug('not written');
    sut.info({ req: { headers: { 'x-rh-identity': 'c2VjcmV0', authorization: 'Bearer t' } } }, 'x');

    expect(log.lines()).toHaveLength(1);
    expect(JSON.stringify(log.lines())).not.toMatch(/c2VjcmV0|Bearer t/);
  });

  it('adds the mixin fields of the moment to each line', () => {
    const log = capture();
    let current = 'a';
    const sut = createProcessLogger({
      process: 'p',
      level: 'info',
      destination: log.destination,
      mixin: () => ({ correlation_id: current }),
    });

    sut.info('first');
    current = 'b';
    sut.info('second');

    expect(log.lines().map((line) => line['correlation_id'])).toEqual(['a', 'b']);
  });
});
