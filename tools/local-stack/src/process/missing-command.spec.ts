import { spawn } from 'node:child_process';
import { explainMissingCommand, REQUIRED_COMMANDS } from './missing-command';

function spawnError(command: string): Promise<unknown> {
  return new Promise((resolve) => {
    spawn(command, [], { stdio: 'ignore' }).once('error', resolve);
  });
}

describe('explainMissingCommand', () => {
  it('turns a spawn ENOENT into one sentence naming what to install', async () => {
    const sut = explainMissingCommand('mvn', await spawnError('pt-no-such-command-mvn'));
    expect(sut.message).toBe(REQUIRED_COMMANDS.mvn);
    expect(sut.message).toMatch(
      /^Maven is not installed .* install Maven 3 \(Debian\/Ubuntu: `apt-get install maven`/,
    );
    expect(
      explainMissingCommand('java', await spawnError('pt-no-such-command-java')).message,
    ).toMatch(
      /^Java is not installed .* Java 17 runtime; install one \(Debian\/Ubuntu: `apt-get install openjdk-17-jre-headless`/,
    );
  });

  it('leaves other failures as they are', () => {
    const failure = new Error('mvn exited with 1');
    expect(explainMissingCommand('mvn', failure)).toBe(failure);
  });
});
