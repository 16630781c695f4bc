import { pino } from 'pino';

import { kafkaLogCreator } from './kafka-log-creator';
import { processLoggerOptions } from './process-logger';

function createSut(): {
  log: ReturnType<ReturnType<typeof kafkaLogCreator>>;
  lines(): Record<string, unknown>[];
} {
  const written: string[] = [];
  const logger = pino(processLoggerOptions({ process: 'p', level: 'debug' }), {
    write: (line: string) => void written.push(line),
  });
  return {
    log: kafkaLogCreator(logger)(4),
    lines: () => written.map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}

describe('kafkaLogCreator', () => {
  it("writes kafkajs's fields as fields of the line, not as JSON inside the message", () => {
    const { log, lines } = createSut();

    log({
      namespace: 'ConsumerGroup',
      level: 4,
      label: 'INFO',
      log: {
        message: 'Consumer has joined the group',
        groupId: 'payload-tracker',
        memberId: 'm-1',
      },
    });

    expect(lines()).toEqual([
      expect.objectContaining({
        level: 'info',
        context: 'kafkajs.ConsumerGroup',
        msg: 'Consumer has joined the group',
        groupId: 'payload-tracker',
        memberId: 'm-1',
      }),
    ]);
    expect(lines()[0]).not.toHaveProperty('logger');
    expect(lines()[0]).not.toHaveProperty('timestamp');
  });

  it('writes the retried coordinator errors of a healthy start at debug, and real errors at error', () => {
    const { log, lines } = createSut();

    log({
      namespace: 'Connection',
      level: 1,
      label: 'ERROR',
      log: {
        message: 'Response GroupCoordinator(key: 10, version: 2)',
        error: 'The group coordinator is not available',
      },
    });
    log({
      namespace: 'Consumer',
      level: 1,
      label: 'ERROR',
      log: { message: 'Crash: KafkaJSNumberOfRetriesExceeded', error: 'Connection error' },
    });

    expect(lines().map((line) => [line['level'], line['msg']])).toEqual([
      ['debug', 'Response GroupCoordinator(key: 10, version: 2)'],
      ['error', 'Crash: KafkaJSNumberOfRetriesExceeded'],
    ]);
  });
});
