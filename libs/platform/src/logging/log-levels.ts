/** `LOG_LEVEL` values every process accepts (pino's levels). */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
/** One of {@link LOG_LEVELS}. */
export type LogLevel = (typeof LOG_LEVELS)[number];

/** `LOG_FORMAT` values: JSON lines, text for a terminal, or the one that fits stdout. */
export const LOG_FORMATS = ['json', 'pretty', 'auto'] as const;
/** One of {@link LOG_FORMATS}. */
export type LogFormat = (typeof LOG_FORMATS)[number];
