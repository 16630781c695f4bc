/**
 * CPU time of processes on this machine, from `/proc`, so a benchmark can say where the two
 * cores went: the api, PostgreSQL (its postmaster and every backend), and the load generator.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';

/** Linux reports `/proc/<pid>/stat` times in clock ticks of 1/100 s (USER_HZ). */
const TICKS_PER_SECOND = 100;

/** The CPU fields of one `/proc/<pid>/stat` line, in seconds. */
export interface ProcStat {
  readonly parentPid: number;
  /** utime + stime of the process itself. */
  readonly ownSeconds: number;
  /** cutime + cstime: children that exited and were waited for. */
  readonly reapedChildrenSeconds: number;
}

/**
 * Parses a `/proc/<pid>/stat` line. The command name may hold spaces and parentheses, so the
 * fields are counted from the last `)`: state is field 3, ppid 4, utime..cstime 14..17.
 */
export function parseProcStat(line: string): ProcStat {
  const fields = line.slice(line.lastIndexOf(')') + 2).split(' ');
  const field = (number: number): number => {
    const value = Number(fields[number - 3]);
    if (!Number.isFinite(value)) {
      throw new Error(`unreadable /proc stat line: ${line}`);
    }
    return value;
  };
  return {
    parentPid: field(4),
    ownSeconds: (field(14) + field(15)) / TICKS_PER_SECOND,
    reapedChildrenSeconds: (field(16) + field(17)) / TICKS_PER_SECOND,
  };
}

function readProcStat(pid: number): ProcStat | undefined {
  try {
    return parseProcStat(readFileSync(`/proc/${pid.toString()}/stat`, 'utf8'));
  } catch {
    return undefined; // gone meanwhile
  }
}

/** CPU seconds one process has used so far (NaN once it is gone). */
export function processCpuSeconds(pid: number): number {
  return readProcStat(pid)?.ownSeconds ?? Number.NaN;
}

/**
 * CPU seconds of a process tree's root and its direct children so far, including children that
 * already exited. That is all of a PostgreSQL server: the postmaster forks every backend.
 */
export function processTreeCpuSeconds(rootPid: number): number {
  const root = readProcStat(rootPid);
  if (root === undefined) {
    return Number.NaN;
  }
  let seconds = root.ownSeconds + root.reapedChildrenSeconds;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) {
      continue;
    }
    const stat = readProcStat(Number(entry));
    if (stat?.parentPid === rootPid) {
      seconds += stat.ownSeconds;
    }
  }
  return seconds;
}

/**
 * The postmaster's pid when the server behind `databaseUrl` runs on this machine (its data
 * directory is readable here), else undefined: a remote database's CPU cannot be measured.
 */
export async function localPostmasterPid(databaseUrl: string): Promise<number | undefined> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ setting: string }>(
      `SELECT setting FROM pg_settings WHERE name = 'data_directory'`,
    );
    const dataDirectory = rows[0]?.setting;
    if (dataDirectory === undefined) {
      return undefined;
    }
    const pid = Number(readFileSync(join(dataDirectory, 'postmaster.pid'), 'utf8').split('\n')[0]);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  } finally {
    await client.end();
  }
}
