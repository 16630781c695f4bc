/** Where the api serves the web console (its pages and assets). */
export const CONSOLE_PREFIX = '/console';

/** The console again, under the prefix the platform's router forwards to this service. */
export const ALIAS_CONSOLE_PREFIX = '/app/payload-tracker/console';
