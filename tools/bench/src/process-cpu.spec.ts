import { parseProcStat, processCpuSeconds, processTreeCpuSeconds } from './process-cpu';

describe('parseProcStat', () => {
  it('reads the parent pid and CPU ticks after a command name holding spaces and parentheses', () => {
    const line =
      '4242 (postgres: a (b) c) S 17 4242 4242 0 -1 4194560 100 0 0 0 250 50 30 20 20 0 1 0 99 0 0';
    expect(parseProcStat(line)).toEqual({
      parentPid: 17,
      ownSeconds: 3,
      reapedChildrenSeconds: 0.5,
    });
  });

  it('refuses a line it cannot read', () => {
    expect(() => parseProcStat('1 (x) S')).toThrow('unreadable /proc stat line');
  });
});

describe('processCpuSeconds', () => {
  it('measures this process, and NaN for a process that does not exist', () => {
    let spent = 0;
    for (let i = 0; i < 2e7; i++) spent += i % 7; // at least a clock tick of work
    expect(spent).toBeGreaterThan(0);
    expect(processCpuSeconds(process.pid)).toBeGreaterThan(0);
    expect(processCpuSeconds(2 ** 22 + 1)).toBeNaN();
  });

  it('counts a tree at least as its root', () => {
    const root = processCpuSeconds(process.pid); // read first: CPU time only grows
    expect(processTreeCpuSeconds(process.pid)).toBeGreaterThanOrEqual(root);
  });
});
