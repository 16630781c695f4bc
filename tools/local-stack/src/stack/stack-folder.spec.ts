import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { StackFolder } from './stack-folder';

const quiet = (): void => undefined;

describe('StackFolder credentials', () => {
  let root: string;

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'pt-stack-folder-'));
  });

  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('draws credentials of its own for each folder and keeps them across starts', async () => {
    const first = new StackFolder(join(root, 'a'));
    const drawn = await first.prepare({ fresh: false, log: quiet });
    const other = await new StackFolder(join(root, 'b')).prepare({ fresh: false, log: quiet });

    expect(drawn).toMatchObject({ kafkaUser: 'payload-tracker', postgresUser: 'payload_tracker' });
    expect(other.kafkaPassword).not.toBe(drawn.kafkaPassword);
    expect(other.postgresPassword).not.toBe(drawn.postgresPassword);
    expect(await first.prepare({ fresh: false, log: quiet })).toEqual(drawn);
    expect((await stat(join(first.dir, 'credentials.json'))).mode & 0o777).toBe(0o600);
  });

  it("adds Kafka credentials to an older folder's, keeping its PostgreSQL ones and data", async () => {
    const dir = join(root, 'old');
    const folder = new StackFolder(dir);
    await folder.prepare({ fresh: false, log: quiet });
    const older = { postgresUser: 'payload_tracker', postgresPassword: 'pg', database: 'pt' };
    await writeFile(join(dir, 'credentials.json'), JSON.stringify(older));
    await mkdir(join(dir, 'postgres'));
    await writeFile(join(dir, 'postgres', 'marker'), 'kept');

    const completed = await folder.prepare({ fresh: false, log: quiet });

    expect(completed).toMatchObject({ ...older, kafkaUser: 'payload-tracker' });
    expect(completed.kafkaPassword).toMatch(/^[\w-]{24}$/);
    expect(JSON.parse(await readFile(join(dir, 'credentials.json'), 'utf8'))).toEqual(completed);
    expect(await readFile(join(dir, 'postgres', 'marker'), 'utf8')).toBe('kept');
  });
});
