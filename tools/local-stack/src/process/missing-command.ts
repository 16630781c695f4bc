import { spawn } from 'node:child_process';

/** What to install when a command the stack needs is missing, in one sentence each. */
export const REQUIRED_COMMANDS = {
  java:
    'Java is not installed (no `java` on PATH): the local Kafka broker needs a Java 17 runtime; ' +
    'install one (Debian/Ubuntu: `apt-get install openjdk-17-jre-headless`, macOS: `brew install openjdk@17`) ' +
    'or use `docker compose up` instead.',
  mvn:
    'Maven is not installed (no `mvn` on PATH): the local stack needs it once, to download the Kafka ' +
    'broker jars into ~/.cache/payload-tracker; install Maven 3 (Debian/Ubuntu: `apt-get install maven`, ' +
    'macOS: `brew install maven`) or use `docker compose up` instead.',
} as const;

export type RequiredCommand = keyof typeof REQUIRED_COMMANDS;

/** True for the error a spawn of a command that is not on PATH fails with. */
export function isCommandNotFound(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === 'ENOENT';
}

/** Turns "spawn mvn ENOENT" into the sentence that says what to install; other errors pass. */
export function explainMissingCommand(command: RequiredCommand, error: unknown): Error {
  if (isCommandNotFound(error)) return new Error(REQUIRED_COMMANDS[command], { cause: error });
  return error instanceof Error ? error : new Error(String(error));
}

/** Runs `command args` once to check it exists; throws the sentence naming what to install. */
export async function requireCommand(command: RequiredCommand, args: string[]): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const child = spawn(command, args, { stdio: 'ignore' });
    child.once('error', (error) => reject(explainMissingCommand(command, error)));
    child.once('close', () => resolve());
  });
}
