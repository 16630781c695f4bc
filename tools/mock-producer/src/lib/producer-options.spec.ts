import { parseProducerOptions } from './producer-options';

const fixedSeed = (): number => 1234;

describe('parseProducerOptions', () => {
  it('applies defaults, taking brokers and topic from the environment', () => {
    const sut = parseProducerOptions(
      [],
      { KAFKA_BROKERS: 'a:1, b:2', KAFKA_TOPIC: 'custom' },
      fixedSeed,
    );

    expect(sut).toEqual({
      brokers: ['a:1', 'b:2'],
      topic: 'custom',
      uploads: 100,
      rate: 0,
      errorShare: 0.05,
      stallShare: 0.05,
      malformedShare: 0,
      longPathShare: 0.5,
      concurrentUploads: 100,
      batchSize: 1000,
      seed: 1234,
      startMicros: null,
      isHelp: false,
    });
  });

  it('falls back to the running local stack, then platform.payload-status', () => {
    const localStack = { kafkaBrokers: ['127.0.0.1:41000'], topic: 'stack.topic' };

    expect(parseProducerOptions([], {}, fixedSeed, localStack)).toMatchObject({
      brokers: ['127.0.0.1:41000'],
      topic: 'stack.topic',
    });
    expect(
      parseProducerOptions([], { KAFKA_BROKERS: 'env:1' }, fixedSeed, localStack).brokers,
    ).toEqual(['env:1']);
    expect(parseProducerOptions(['--brokers', 'b:2'], {}, fixedSeed).topic).toBe(
      'platform.payload-status',
    );
  });

  it('refuses to guess a broker when neither the environment nor a local stack names one', () => {
    expect(() => parseProducerOptions([], {}, fixedSeed)).toThrow(
      /no Kafka brokers: start the local stack .* or set KAFKA_BROKERS or --brokers/,
    );
  });

  it('reads every flag', () => {
    const sut = parseProducerOptions(
      [
        '--brokers',
        'x:9',
        '--topic',
        't',
        '--uploads',
        '7',
        '--rate',
        '50',
        '--error-share',
        '0.5',
        '--stall-share',
        '0.2',
        '--malformed-share',
        '0.1',
        '--seed',
        '9',
        '--start',
        '2026-11-28T10:00:00Z',
        '--batch-size',
        '10',
        '--concurrent-uploads',
        '3',
        '--long-path-share',
        '1',
      ],
      { KAFKA_BROKERS: 'ignored:1' },
      fixedSeed,
    );

    expect(sut).toMatchObject({
      brokers: ['x:9'],
      topic: 't',
      uploads: 7,
      rate: 50,
      errorShare: 0.5,
      stallShare: 0.2,
      malformedShare: 0.1,
      seed: 9,
      startMicros: 1_795_860_000_000_000n,
      batchSize: 10,
      concurrentUploads: 3,
      longPathShare: 1,
    });
  });

  it.each([
    [['--uploads', '-1'], '--uploads'],
    [['--uploads', '1.5'], '--uploads'],
    [['--rate', 'fast'], '--rate'],
    [['--error-share', '2'], '--error-share'],
    [['--stall-share', '-0.1'], '--stall-share'],
    [['--error-share', '0.7', '--stall-share', '0.7'], 'add up to at most 1'],
    [['--malformed-share', '1'], '--malformed-share'],
    [['--start', 'yesterday'], '--start'],
    [['--brokers', ' , '], '--brokers'],
  ])('refuses %j naming the flag', (argv, flag) => {
    expect(() => parseProducerOptions(argv, {}, fixedSeed)).toThrow(flag);
  });

  it('refuses unknown flags', () => {
    expect(() => parseProducerOptions(['--nope'], {}, fixedSeed)).toThrow();
  });
});
