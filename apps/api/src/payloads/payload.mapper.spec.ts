import { toPayloadDto, toPayloadStatusDto } from './payload.mapper';
import type { PayloadRow, PayloadStatusRow } from './payload-rows';

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

describe('toPayloadDto', () => {
  it('leaves NULL columns out and keeps microseconds', () => {
    expect(toPayloadDto(payload)).toEqual({
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
    expect(() => toPayloadDto({ ...payload, created_at: 'infinity' })).toThrow(
      /Unexpected timestamp/,
    );
  });
});
