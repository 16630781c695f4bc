import { StatusLifecycleError } from './status-lifecycle.error';
import type { ParseOptions, ParseResult, RejectionReason, StatusMessage } from './status-message';
import {
  FIELD_MAX_LENGTHS,
  MAX_MESSAGE_BYTES,
  REJECTION_REASONS,
  parseStatusMessage,
} from './status-message';
import { parseTimestamp } from './timestamp';

const REQUEST_ID = '0123456789abcdef0123456789abcdef';
const DEFAULT_OPTIONS: ParseOptions = { requestIdLength: 32 };
const NO_LENGTH_RULE: ParseOptions = { requestIdLength: 0 };

const VALID: Record<string, unknown> = {
  service: 'ingress',
  request_id: REQUEST_ID,
  status: 'received',
  date: '2026-11-28T10:00:00.123456Z',
};

function bytes(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

function encode(fields: Record<string, unknown>): Uint8Array {
  return bytes(JSON.stringify(fields));
}

function parse(
  fields: Record<string, unknown>,
  options: ParseOptions = DEFAULT_OPTIONS,
): ParseResult {
  return parseStatusMessage(encode({ ...VALID, ...fields }), options);
}

function accepted(result: ParseResult): StatusMessage {
  if (!result.ok) {
    throw new Error(`expected a message, got ${result.reason}: ${result.detail}`);
  }
  return result.message;
}

function reasonOf(result: ParseResult): RejectionReason | 'accepted' {
  return result.ok ? 'accepted' : result.reason;
}

describe('parseStatusMessage', () => {
  it('parses a minimal message into the normalised form', () => {
    const sut = accepted(parse({}));
    expect(sut).toEqual<StatusMessage>({
      requestId: REQUEST_ID,
      service: 'ingress',
      status: 'received',
      source: null,
      date: parseTimestamp('2026-11-28T10:00:00.123456Z') ?? -1n,
      account: null,
      orgId: null,
      inventoryId: null,
      systemId: null,
      statusMsg: null,
    });
  });

  it('parses a full message and ignores unknown fields', () => {
    const sut = accepted(
      parse({
        source: 'insights-client',
        account: '000001',
        org_id: '12345',
        inventory_id: 'c1d2e3',
        system_id: 'f4a5b6',
        status_msg: 'done',
        extra: { nested: true },
        b64_identity: 'eyJ9',
      }),
    );
    expect(sut).toMatchObject({
      source: 'insights-client',
      account: '000001',
      orgId: '12345',
      inventoryId: 'c1d2e3',
      systemId: 'f4a5b6',
      statusMsg: 'done',
    });
    expect(Object.keys(sut)).not.toContain('extra');
  });

  describe('normalisation', () => {
    it.each([
      ['service', { service: '  Ingress ' }, 'service', 'ingress'],
      ['status', { status: ' SUCCESS\t' }, 'status', 'success'],
      ['source', { source: ' Insights-Client ' }, 'source', 'insights-client'],
      ['empty source', { source: '' }, 'source', null],
      ['blank source', { source: '   ' }, 'source', null],
      ['null source', { source: null }, 'source', null],
      ['request_id trimmed', { request_id: `  ${REQUEST_ID}\n` }, 'requestId', REQUEST_ID],
      [
        'request_id case kept',
        { request_id: REQUEST_ID.toUpperCase() },
        'requestId',
        REQUEST_ID.toUpperCase(),
      ],
      ['account trimmed', { account: ' 000001 ' }, 'account', '000001'],
      ['org_id trimmed', { org_id: ' 12345 ' }, 'orgId', '12345'],
      ['inventory_id trimmed', { inventory_id: ' abc ' }, 'inventoryId', 'abc'],
      ['system_id trimmed', { system_id: ' def ' }, 'systemId', 'def'],
      ['empty account', { account: '' }, 'account', null],
      ['blank org_id', { org_id: '  ' }, 'orgId', null],
      ['null inventory_id', { inventory_id: null }, 'inventoryId', null],
      ['numeric account', { account: 1234567 }, 'account', '1234567'],
      ['numeric org_id', { org_id: 42 }, 'orgId', '42'],
      ['numeric zero system_id', { system_id: 0 }, 'systemId', '0'],
      [
        'largest safe integer',
        { inventory_id: Number.MAX_SAFE_INTEGER },
        'inventoryId',
        '9007199254740991',
      ],
      [
        'status_msg kept as given',
        { status_msg: '  Failed: Timeout  ' },
        'statusMsg',
        '  Failed: Timeout  ',
      ],
      ['empty status_msg', { status_msg: '' }, 'statusMsg', null],
      ['null status_msg', { status_msg: null }, 'statusMsg', null],
      [
        'date with offset',
        { date: '2026-11-28 12:00:00+02' },
        'date',
        parseTimestamp('2026-11-28T10:00:00Z'),
      ],
    ])('normalises %s', (_name, fields, key, expected) => {
      expect(accepted(parse(fields))[key as keyof StatusMessage]).toBe(expected);
    });

    it('parses a numeric account written in exponent form as its integer', () => {
      const sut = parseStatusMessage(
        bytes(
          `{"service":"a","request_id":"${REQUEST_ID}","status":"s","date":"2026-11-28T10:00:00Z","account":1e3}`,
        ),
        DEFAULT_OPTIONS,
      );
      expect(accepted(sut).account).toBe('1000');
    });

    it('accepts a UTF-8 byte order mark', () => {
      const body = encode(VALID);
      const withBom = new Uint8Array([0xef, 0xbb, 0xbf, ...body]);
      expect(accepted(parseStatusMessage(withBom, DEFAULT_OPTIONS)).service).toBe('ingress');
    });

    it('keeps non-ASCII text intact', () => {
      expect(accepted(parse({ status_msg: 'échec: fichier « ☃ » 🚀' })).statusMsg).toBe(
        'échec: fichier « ☃ » 🚀',
      );
    });
  });

  describe('envelope rejections', () => {
    it.each<[string, Uint8Array | null, RejectionReason]>([
      ['null value', null, 'empty_message'],
      ['empty value', new Uint8Array(0), 'empty_message'],
      ['invalid UTF-8 byte', new Uint8Array([0x7b, 0xff, 0x7d]), 'invalid_encoding'],
      [
        'truncated UTF-8 sequence',
        new Uint8Array([0x7b, 0x22, 0xc3, 0x22, 0x7d]),
        'invalid_encoding',
      ],
      ['overlong UTF-8 encoding', new Uint8Array([0x7b, 0xc0, 0xaf, 0x7d]), 'invalid_encoding'],
      [
        'UTF-16 encoded JSON',
        new Uint8Array([0xff, 0xfe, 0x7b, 0x00, 0x7d, 0x00]),
        'invalid_encoding',
      ],
      ['not JSON', bytes('service=ingress'), 'invalid_json'],
      ['truncated JSON', bytes('{"service": "ingress"'), 'invalid_json'],
      ['blank text', bytes('   '), 'invalid_json'],
      ['JSON array', bytes('[{"service":"ingress"}]'), 'not_an_object'],
      ['JSON string', bytes('"ingress"'), 'not_an_object'],
      ['JSON number', bytes('42'), 'not_an_object'],
      ['JSON null', bytes('null'), 'not_an_object'],
      ['JSON boolean', bytes('true'), 'not_an_object'],
    ])('refuses %s', (_name, value, reason) => {
      expect(reasonOf(parseStatusMessage(value, DEFAULT_OPTIONS))).toBe(reason);
    });

    it('refuses a message over 1 MiB', () => {
      const padding = 'x'.repeat(MAX_MESSAGE_BYTES);
      const sut = parseStatusMessage(encode({ ...VALID, status_msg: padding }), DEFAULT_OPTIONS);
      expect(reasonOf(sut)).toBe('message_too_large');
    });

    it('refuses an oversized value before decoding it', () => {
      const sut = parseStatusMessage(
        new Uint8Array(MAX_MESSAGE_BYTES + 1).fill(0xff),
        DEFAULT_OPTIONS,
      );
      expect(reasonOf(sut)).toBe('message_too_large');
    });

    it('accepts a message of exactly 1 MiB', () => {
      const body = encode({ ...VALID, pad: '' });
      const padded = encode({ ...VALID, pad: 'x'.repeat(MAX_MESSAGE_BYTES - body.byteLength) });
      expect(padded.byteLength).toBe(MAX_MESSAGE_BYTES);
      expect(reasonOf(parseStatusMessage(padded, DEFAULT_OPTIONS))).toBe('accepted');
    });
  });

  describe('field rejections', () => {
    it.each<[string, Record<string, unknown>, RejectionReason, string]>([
      ['missing service', { service: undefined }, 'missing_field', 'service'],
      ['empty service', { service: '' }, 'missing_field', 'service'],
      ['blank service', { service: '  ' }, 'missing_field', 'service'],
      ['null service', { service: null }, 'missing_field', 'service'],
      ['missing request_id', { request_id: undefined }, 'missing_field', 'request_id'],
      ['blank request_id', { request_id: ' \t ' }, 'missing_field', 'request_id'],
      ['missing status', { status: undefined }, 'missing_field', 'status'],
      ['empty status', { status: '' }, 'missing_field', 'status'],
      ['missing date', { date: undefined }, 'missing_field', 'date'],
      ['empty date', { date: '' }, 'missing_field', 'date'],
      ['numeric service', { service: 7 }, 'invalid_field', 'service'],
      ['object status', { status: { name: 'success' } }, 'invalid_field', 'status'],
      ['numeric request_id', { request_id: 12345 }, 'invalid_field', 'request_id'],
      ['boolean date', { date: true }, 'invalid_field', 'date'],
      ['numeric source', { source: 1 }, 'invalid_field', 'source'],
      ['array account', { account: ['1'] }, 'invalid_field', 'account'],
      ['boolean org_id', { org_id: false }, 'invalid_field', 'org_id'],
      ['fractional inventory_id', { inventory_id: 1.5 }, 'invalid_field', 'inventory_id'],
      ['negative system_id', { system_id: -3 }, 'invalid_field', 'system_id'],
      ['unsafe integer account', { account: 2 ** 53 }, 'invalid_field', 'account'],
      ['numeric status_msg', { status_msg: 500 }, 'invalid_field', 'status_msg'],
      ['NUL in status_msg', { status_msg: 'a\u0000b' }, 'invalid_field', 'status_msg'],
      ['NUL in service', { service: 'in\u0000gress' }, 'invalid_field', 'service'],
      [
        'lone surrogate in status_msg',
        { status_msg: 'bad \ud800 text' },
        'invalid_encoding',
        'status_msg',
      ],
      ['epoch seconds date', { date: 1764324000 }, 'invalid_date', 'date'],
      ['epoch string date', { date: '1764324000' }, 'invalid_date', 'date'],
      ['bare time date', { date: '10:00:00' }, 'invalid_date', 'date'],
      ['month-first date', { date: '11/28/2026 10:00:00' }, 'invalid_date', 'date'],
      ['impossible date', { date: '2026-02-30T10:00:00Z' }, 'invalid_date', 'date'],
      ['nonsense date', { date: 'soon' }, 'invalid_date', 'date'],
    ])('refuses %s', (_name, fields, reason, field) => {
      const sut = parse(fields);
      expect(reasonOf(sut)).toBe(reason);
      expect(sut.ok ? '' : sut.detail).toContain(field);
    });

    it('names every reason it can return in REJECTION_REASONS', () => {
      expect([...REJECTION_REASONS].sort()).toEqual(
        [
          'empty_message',
          'field_too_long',
          'invalid_date',
          'invalid_encoding',
          'invalid_field',
          'invalid_json',
          'invalid_request_id',
          'message_too_large',
          'missing_field',
          'not_an_object',
        ].sort(),
      );
    });
  });

  describe('request_id length rule', () => {
    it.each<[string, string, ParseOptions, RejectionReason | 'accepted']>([
      ['32 characters with rule 32', REQUEST_ID, DEFAULT_OPTIONS, 'accepted'],
      ['31 characters with rule 32', REQUEST_ID.slice(1), DEFAULT_OPTIONS, 'invalid_request_id'],
      ['33 characters with rule 32', `${REQUEST_ID}0`, DEFAULT_OPTIONS, 'invalid_request_id'],
      [
        'dashed uuid with rule 32',
        '01234567-89ab-cdef-0123-456789abcdef',
        DEFAULT_OPTIONS,
        'invalid_request_id',
      ],
      [
        'dashed uuid with rule 36',
        '01234567-89ab-cdef-0123-456789abcdef',
        { requestIdLength: 36 },
        'accepted',
      ],
      ['short id with rule off', 'abc', NO_LENGTH_RULE, 'accepted'],
      ['255 characters with rule off', 'r'.repeat(255), NO_LENGTH_RULE, 'accepted'],
      ['256 characters with rule off', 'r'.repeat(256), NO_LENGTH_RULE, 'invalid_request_id'],
      ['255 characters with rule 255', 'r'.repeat(255), { requestIdLength: 255 }, 'accepted'],
      [
        '256 characters with rule 255',
        'r'.repeat(256),
        { requestIdLength: 255 },
        'invalid_request_id',
      ],
      [
        '32 code points of which some astral',
        `${'🚀'.repeat(2)}${'a'.repeat(30)}`,
        DEFAULT_OPTIONS,
        'accepted',
      ],
      ['surrounding spaces do not count', `  ${REQUEST_ID}  `, DEFAULT_OPTIONS, 'accepted'],
    ])('%s', (_name, requestId, options, expected) => {
      expect(reasonOf(parse({ request_id: requestId }, options))).toBe(expected);
    });

    it.each([-1, 256, 1.5, Number.NaN])(
      'throws on an invalid requestIdLength option %s',
      (requestIdLength) => {
        expect(() => parseStatusMessage(encode(VALID), { requestIdLength })).toThrow(
          StatusLifecycleError,
        );
      },
    );
  });

  describe('field lengths', () => {
    const name = FIELD_MAX_LENGTHS.name;
    const id = FIELD_MAX_LENGTHS.id;
    const msg = FIELD_MAX_LENGTHS.statusMsg;
    it.each<[string, Record<string, unknown>, RejectionReason | 'accepted']>([
      ['service at the limit', { service: 's'.repeat(name) }, 'accepted'],
      ['service one over', { service: 's'.repeat(name + 1) }, 'field_too_long'],
      ['status at the limit', { status: 's'.repeat(name) }, 'accepted'],
      ['status one over', { status: 's'.repeat(name + 1) }, 'field_too_long'],
      ['source at the limit', { source: 's'.repeat(name) }, 'accepted'],
      ['source one over', { source: 's'.repeat(name + 1) }, 'field_too_long'],
      ['service at the limit once trimmed', { service: ` ${'s'.repeat(name)} ` }, 'accepted'],
      ['account at the limit', { account: '1'.repeat(id) }, 'accepted'],
      ['account one over', { account: '1'.repeat(id + 1) }, 'field_too_long'],
      ['org_id one over', { org_id: '1'.repeat(id + 1) }, 'field_too_long'],
      ['inventory_id one over', { inventory_id: 'i'.repeat(id + 1) }, 'field_too_long'],
      ['system_id at the limit', { system_id: 'i'.repeat(id) }, 'accepted'],
      ['system_id one over', { system_id: 'i'.repeat(id + 1) }, 'field_too_long'],
      ['status_msg at the limit', { status_msg: 'm'.repeat(msg) }, 'accepted'],
      ['status_msg one over', { status_msg: 'm'.repeat(msg + 1) }, 'field_too_long'],
      [
        'status_msg at the limit in astral characters',
        { status_msg: '🚀'.repeat(msg) },
        'accepted',
      ],
      [
        'status_msg one astral character over',
        { status_msg: '🚀'.repeat(msg + 1) },
        'field_too_long',
      ],
    ])('%s', (_name, fields, expected) => {
      expect(reasonOf(parse(fields))).toBe(expected);
    });
  });
});
