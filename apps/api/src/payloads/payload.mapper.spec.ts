import { PAYLOAD_STATE_FILTER_VALUES } from '@payload-tracker/api-contract';
import { PAYLOAD_STATES } from '@payload-tracker/status-lifecycle';
import { toPayloadDto, toPayloadStatusDto, toPayloadSummaryDto } from './payload.mapper';
import type {
  PayloadOutcomeRow,
  PayloadRow,
  PayloadStatusRow,
  PayloadSummaryRow,
} from './payload-rows';

const payload: PayloadRow = {
  id: '42',
  request_id: 'abc',
  account: null,
  org_id: 'org',
  inventory_id: 'inv',
  system_id: null,
  created_at: '2026-11-28 10:00:00.123456+00',
};

const status: PayloadStatusRow = {
  id: '7',
  service: 'ingress',
  source: null,
  status: 'received',
  status_msg: 'hello',
  date: '2026-11-28 12:00:00.000001+02',
  created_at: '2026-11-28 10:00:01+00',
};

const noOutcome: PayloadOutcomeRow = {
  state: null,
  status_count: null,
  last_status_at: null,
  last_service: null,
  last_source: null,
  last_status: null,
  failed_service: null,
  failed_source: null,
  failed_status: null,
  failed_status_msg: null,
  failed_at: null,
};

const failedOutcome: PayloadOutcomeRow = {
  state: 'failed',
  status_count: 4,
  last_status_at: '2026-11-28 10:00:09.5+00',
  last_service: 'puptoo',
  last_source: null,
  last_status: 'received',
  failed_service: 'inventory',
  failed_source: 'client',
  failed_status: 'error',
  failed_status_msg: 'boom',
  failed_at: '2026-11-28 10:00:03.000001+00',
};

describe('toPayloadDto', () => {
  it('leaves NULL columns out and keeps microseconds', () => {
    expect(toPayloadDto({ ...payload, ...noOutcome })).toEqual({
      id: 42,
      request_id: 'abc',
      org_id: 'org',
      inventory_id: 'inv',
      created_at: '2026-11-28T10:00:00.123456Z',
    });
  });
});

describe('toPayloadStatusDto', () => {
  it('shows every present field at verbosity 0', () => {
    expect(toPayloadStatusDto(payload, status, 0)).toEqual({
      id: 7,
      request_id: 'abc',
      org_id: 'org',
      inventory_id: 'inv',
      service: 'ingress',
      status: 'received',
      status_msg: 'hello',
      date: '2026-11-28T10:00:00.000001Z',
      created_at: '2026-11-28T10:00:01.000000Z',
    });
  });

  it('shows the track-page fields at verbosity 1', () => {
    expect(toPayloadStatusDto(payload, { ...status, status_msg: null }, 1)).toEqual({
      service: 'ingress',
      status: 'received',
      inventory_id: 'inv',
      date: '2026-11-28T10:00:00.000001Z',
    });
  });

  it('shows service, status and date at verbosity 2', () => {
    expect(toPayloadStatusDto(payload, status, 2)).toEqual({
      service: 'ingress',
      status: 'received',
      date: '2026-11-28T10:00:00.000001Z',
    });
  });

  it.each([
    [
      0,
      [
        'id',
        'request_id',
        'account',
        'org_id',
        'inventory_id',
        'system_id',
        'service',
        'source',
        'status',
        'status_msg',
        'date',
        'created_at',
      ],
    ],
    [1, ['service', 'status', 'inventory_id', 'date', 'status_msg']],
    [2, ['service', 'status', 'date']],
  ] as const)('writes the fields of verbosity %i in the contract order', (verbosity, fields) => {
    const everyValue = { ...payload, account: 'acct', system_id: 'sys' };
    const sut = toPayloadStatusDto(everyValue, { ...status, source: 'src' }, verbosity);
    expect(Object.keys(sut)).toEqual(fields);
  });

  it('refuses timestamps it cannot read', () => {
    expect(() => toPayloadDto({ ...payload, ...noOutcome, created_at: 'infinity' })).toThrow(
      /Unexpected timestamp/,
    );
  });
});

describe('the outcome of a payload', () => {
  it('follows the payload fields, NULL ones left out', () => {
    expect(toPayloadDto({ ...payload, ...failedOutcome })).toEqual({
      id: 42,
      request_id: 'abc',
      org_id: 'org',
      inventory_id: 'inv',
      created_at: '2026-11-28T10:00:00.123456Z',
      state: 'failed',
      status_count: 4,
      last_status_at: '2026-11-28T10:00:09.500000Z',
      last_service: 'puptoo',
      last_status: 'received',
      failed_service: 'inventory',
      failed_source: 'client',
      failed_status: 'error',
      failed_status_msg: 'boom',
      failed_at: '2026-11-28T10:00:03.000001Z',
    });
  });

  it('refuses a state it does not know', () => {
    expect(() => toPayloadDto({ ...payload, ...failedOutcome, state: 'lost' })).toThrow(
      /Unexpected payload state/,
    );
  });

  it('offers as filter values exactly the states of the domain', () => {
    expect([...PAYLOAD_STATE_FILTER_VALUES].sort()).toEqual(Object.values(PAYLOAD_STATES).sort());
  });
});

describe('toPayloadSummaryDto', () => {
  const group = {
    status_count: 1,
    success_count: 0,
    failure_count: 0,
  };
  const summary: PayloadSummaryRow = {
    ...failedOutcome,
    groups: [
      {
        ...group,
        service: 'puptoo',
        source: null,
        first_at: '2026-11-28 10:00:02+00',
        last_at: '2026-11-28 10:00:09.5+00',
      },
      {
        ...group,
        service: 'inventory',
        source: 'client',
        first_at: '2026-11-28 10:00:02+00',
        last_at: '2026-11-28 10:00:03.000001+00',
        status_count: 2,
        success_count: 1,
        failure_count: 1,
      },
      {
        ...group,
        service: 'ingress',
        source: null,
        first_at: '2026-11-28 10:00:00+00',
        last_at: '2026-11-28 11:00:01.25+00',
        success_count: 1,
      },
    ],
  };

  it('orders the groups by first status, then service:source, with state and duration', () => {
    expect(toPayloadSummaryDto(summary).groups).toEqual([
      {
        service: 'ingress',
        state: 'succeeded',
        first_at: '2026-11-28T10:00:00.000000Z',
        last_at: '2026-11-28T11:00:01.250000Z',
        duration: '01:00:01.250000',
        status_count: 1,
      },
      {
        service: 'inventory',
        source: 'client',
        state: 'failed',
        first_at: '2026-11-28T10:00:02.000000Z',
        last_at: '2026-11-28T10:00:03.000001Z',
        duration: '00:00:01.000001',
        status_count: 2,
      },
      {
        service: 'puptoo',
        state: 'in_progress',
        first_at: '2026-11-28T10:00:02.000000Z',
        last_at: '2026-11-28T10:00:09.500000Z',
        duration: '00:00:07.500000',
        status_count: 1,
      },
    ]);
  });

  it('carries the outcome fields before the groups', () => {
    expect(Object.keys(toPayloadSummaryDto(summary))).toEqual([
      'state',
      'status_count',
      'last_status_at',
      'last_service',
      'last_status',
      'failed_service',
      'failed_source',
      'failed_status',
      'failed_status_msg',
      'failed_at',
      'groups',
    ]);
  });
});
