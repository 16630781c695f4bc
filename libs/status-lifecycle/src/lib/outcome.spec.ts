import type { OutcomeStatus } from './outcome';
import {
  PAYLOAD_STATES,
  computeOutcome,
  isFailureStatus,
  payloadStateOf,
  visibleStateOf,
} from './outcome';

let nextId = 0n;
function status(
  service: string,
  name: string,
  date: bigint,
  overrides: Partial<OutcomeStatus> = {},
): OutcomeStatus {
  nextId += 1n;
  return { id: nextId, service, source: null, status: name, statusMsg: null, date, ...overrides };
}

describe('payloadStateOf', () => {
  it.each([
    [[], 'in_progress'],
    [['succeeded'], 'succeeded'],
    [['succeeded', 'in_progress'], 'in_progress'],
    [['succeeded', 'failed'], 'failed'],
    [['in_progress', 'failed'], 'failed'],
  ] as const)('%j → %s', (groups, expected) => {
    expect(payloadStateOf(groups)).toBe(expected);
  });
});

describe('visibleStateOf', () => {
  const minute = 60_000_000n;
  it('shows an in-progress payload silent longer than the threshold as stalled', () => {
    expect(visibleStateOf('in_progress', 0n, 61n * minute, 60n * minute)).toBe('stalled');
    expect(visibleStateOf('in_progress', 0n, 60n * minute, 60n * minute)).toBe('in_progress');
  });

  it('never shows a finished payload as stalled', () => {
    expect(visibleStateOf('failed', 0n, 999n * minute, minute)).toBe('failed');
    expect(visibleStateOf('succeeded', 0n, 999n * minute, minute)).toBe('succeeded');
  });
});

describe('isFailureStatus', () => {
  it.each([
    ['error', true],
    [' Failed ', true],
    ['processing_error', true],
    ['success', false],
    ['processing_success', false],
  ])('%s → %s', (name, expected) => {
    expect(isFailureStatus(name)).toBe(expected);
  });
});

describe('computeOutcome', () => {
  it('is null without statuses', () => {
    expect(computeOutcome([])).toBeNull();
  });

  it('fails on the earliest failure, whatever came later, and reports the latest status', () => {
    const received = status('ingress', 'received', 10n);
    const failure = status('puptoo', 'error', 30n, { source: 'insights-client', statusMsg: 'bad' });
    const later = status('puptoo', 'failed', 40n, { source: 'insights-client' });
    const last = status('ingress', 'success', 50n);
    const sut = computeOutcome([last, later, failure, received]);
    expect(sut).toMatchObject({
      state: PAYLOAD_STATES.failed,
      statusCount: 4,
      last: { id: last.id },
      failure: { id: failure.id, statusMsg: 'bad' },
    });
    expect(
      sut?.groups.map((group) => [group.service, group.state, group.firstAt, group.lastAt]),
    ).toEqual([
      ['ingress', 'succeeded', 10n, 50n],
      ['puptoo', 'failed', 30n, 40n],
    ]);
  });

  it('breaks a tie of dates on the highest id for the latest status, the lowest for the failure', () => {
    const a = status('ingress', 'error', 5n);
    const b = status('inventory', 'failed', 5n);
    const sut = computeOutcome([b, a]);
    expect(sut?.last.id).toBe(b.id);
    expect(sut?.failure?.id).toBe(a.id);
  });

  it('is in progress again when a new service reports after every other succeeded', () => {
    const done = [status('ingress', 'received', 1n), status('ingress', 'success', 2n)];
    expect(computeOutcome(done)?.state).toBe('succeeded');
    expect(computeOutcome([...done, status('advisor', 'received', 3n)])?.state).toBe('in_progress');
  });

  it('counts a status stored once however often it is given', () => {
    const one = status('ingress', 'received', 1n);
    expect(computeOutcome([one, one, one])?.statusCount).toBe(1);
  });
});
