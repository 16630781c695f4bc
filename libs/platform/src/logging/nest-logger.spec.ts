import { pino } from 'pino';

import { NestPinoLogger } from './nest-logger';
import { processLoggerOptions } from './process-logger';

function createSut(): { sut: NestPinoLogger; lines(): Record<string, unknown>[] } {
  const written: string[] = [];
  const logger = pino(processLoggerOptions({ process: 'p', level: 'trace' }), {
    write: (line: string) => void written.push(line),
  });
  return {
    sut: new NestPinoLogger(logger),
    lines: () => written.map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}

describe('NestPinoLogger', () => {
  it('takes the last extra argument as the context', () => {
    const { sut, lines } = createSut();

    sut.log('ingester started', 'Bootstrap');

    expect(lines()).toEqual([
      expect.objectContaining({ level: 'info', context: 'Bootstrap', msg: 'ingester started' }),
    ]);
  });

  it('turns an object message into fields, with an optional text', () => {
    const { sut, lines } = createSut();

    sut.warn({ msg: 'invalid message', offset: '7' }, 'IngestionService');
    sut.debug({ port: 9000 }, 'metrics listening', 'OpsHttpServer');

    expect(lines()).toEqual([
      expect.objectContaining({ level: 'warn', msg: 'invalid message', offset: '7' }),
      expect.objectContaining({
        level: 'debug',
        msg: 'metrics listening',
        port: 9000,
        context: 'OpsHttpServer',
      }),
    ]);
  });

  it("keeps the stack of Nest's exception handlers as an error", () => {
    const { sut, lines } = createSut();

    sut.error('boom', 'Error: boom\n    at somewhere (file.ts:1:1)', 'ExceptionHandler');

    const [line] = lines();
    expect(line).toMatchObject({ level: 'error', msg: 'boom', context: 'ExceptionHandler' });
    expect(JSON.stringify(line?.['err'])).toContain('at somewhere');
  });

  it("writes Nest's per-module and per-route start-up lines at debug", () => {
    const { sut, lines } = createSut();

    sut.log('AppModule dependencies initialized', 'InstanceLoader');
    sut.log('Nest application successfully started', 'NestApplication');

    expect(lines().map((line) => [line['level'], line['context']])).toEqual([
      ['debug', 'InstanceLoader'],
      ['info', 'NestApplication'],
    ]);
  });

  it('maps verbose to trace and fatal to fatal', () => {
    const { sut, lines } = createSut();

    sut.verbose('v');
    sut.fatal(new Error('down'));

    expect(lines().map((line) => [line['level'], line['msg']])).toEqual([
      ['trace', 'v'],
      ['fatal', 'down'],
    ]);
  });
});
