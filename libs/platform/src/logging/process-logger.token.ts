/**
 * Injection token of the process's root pino logger (created before Nest, from the validated
 * environment, and handed to the app's module).
 */
export const PROCESS_LOGGER = Symbol('PROCESS_LOGGER');
