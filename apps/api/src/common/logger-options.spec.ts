import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Options } from 'pino-http';
import { loggerOptions } from './logger-options';

function levelOf(configured: 'info' | 'debug', statusCode: number, error?: Error): string {
  const pinoHttp = loggerOptions(configured).pinoHttp as Options;
  if (pinoHttp.customLogLevel === undefined) {
    throw new Error('no customLogLevel');
  }
  return pinoHttp.customLogLevel({} as IncomingMessage, { statusCode } as ServerResponse, error);
}

describe('loggerOptions', () => {
  it('writes a line per request only at debug and below', () => {
    expect(levelOf('debug', 200)).toBe('debug');
    expect(levelOf('debug', 404)).toBe('debug');
    expect(levelOf('info', 200)).toBe('silent');
    expect(levelOf('info', 429)).toBe('silent');
  });

  it('always writes failed requests at error', () => {
    expect(levelOf('info', 503)).toBe('error');
    expect(levelOf('info', 200, new Error('aborted'))).toBe('error');
    expect(levelOf('debug', 500)).toBe('error');
  });
});
