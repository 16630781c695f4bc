import type { ChaosCounts } from './chaos-report';
import { formatChaosReport, judgeChaosRun } from './chaos-report';

const clean: ChaosCounts = {
  sentValid: 1000,
  sentDuplicates: 50,
  sentInvalid: { invalid_json: 10, empty_message: 5 },
  storedRows: 1000,
  storedDistinct: 1000,
  deadLettered: { invalid_json: 10, empty_message: 5 },
  unexpectedExits: 0,
};

describe('judgeChaosRun', () => {
  it('holds when every valid message is stored once and every refusal is dead-lettered', () => {
    expect(judgeChaosRun(clean)).toEqual({
      lost: 0,
      doubled: 0,
      deadLetterMismatches: {},
      held: true,
    });
  });

  it('counts lost and doubled statuses', () => {
    const verdict = judgeChaosRun({ ...clean, storedRows: 998, storedDistinct: 990 });

    expect(verdict).toMatchObject({ lost: 10, doubled: 8, held: false });
  });

  it('names a reason whose dead letters differ from what was sent, either way', () => {
    const verdict = judgeChaosRun({
      ...clean,
      deadLettered: { invalid_json: 11, field_too_long: 1 },
    });

    expect(verdict.deadLetterMismatches).toEqual({
      empty_message: { sent: 5, deadLettered: 0 },
      field_too_long: { sent: 0, deadLettered: 1 },
      invalid_json: { sent: 10, deadLettered: 11 },
    });
    expect(verdict.held).toBe(false);
  });

  it('does not hold with more statuses than were sent, or an ingester that exited by itself', () => {
    expect(judgeChaosRun({ ...clean, storedRows: 1001, storedDistinct: 1001 }).held).toBe(false);
    expect(judgeChaosRun({ ...clean, unexpectedExits: 1 }).held).toBe(false);
  });
});

describe('formatChaosReport', () => {
  it('prints the counts, each recovery and the verdict', () => {
    const lines = formatChaosReport(
      clean,
      [
        { fault: 'SIGKILL 1', readySeconds: 3.25, storingSeconds: 4.5 },
        { fault: 'broker restart', readySeconds: null, storingSeconds: null },
      ],
      judgeChaosRun(clean),
    );

    expect(lines[0]).toBe(
      'sent:          1065 (1000 valid, 50 exact duplicates, 15 invalid of 2 kinds)',
    );
    expect(lines).toContain('dead-lettered: 15 (empty_message 5, invalid_json 10)');
    expect(lines).toContain('  SIGKILL 1                    3.3 s / 4.5 s');
    expect(lines).toContain('  broker restart               never / never');
    expect(lines[lines.length - 1]).toBe(
      'held: nothing lost, nothing doubled, every refusal dead-lettered',
    );
  });
});
