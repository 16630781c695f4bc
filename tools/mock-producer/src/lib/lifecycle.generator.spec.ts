import {
  classifyGroup,
  groupKey,
  parseStatusMessage,
  payloadStateOf,
} from '@payload-tracker/status-lifecycle';
import { LifecycleGenerator } from './lifecycle.generator';
import type { GeneratedUpload } from './lifecycle.generator';
import { LONG_PATH, SHORT_PATH } from './lifecycle-paths';
import { MALFORMED_REASONS } from './malform-message';

const START = 1_795_860_000_000_000n; // 2026-11-28T10:00:00Z
const MICROS_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

type Fields = Record<string, unknown>;

function generate(
  count: number,
  options: Partial<ConstructorParameters<typeof LifecycleGenerator>[0]> = {},
): GeneratedUpload[] {
  const sut = new LifecycleGenerator({ seed: 42, ...options });
  return Array.from({ length: count }, (_, index) =>
    sut.generateUpload(START + BigInt(index) * 1_000_000n),
  );
}

function fieldsOf(upload: GeneratedUpload): Fields[] {
  return upload.messages
    .filter((message) => message.malformedReason === null)
    .map((message) => JSON.parse(message.value) as Fields);
}

function microsOf(date: unknown): bigint {
  const text = String(date);
  return BigInt(Date.parse(text)) * 1000n + BigInt(text.slice(23, 26));
}

/** The stored state the ingester's rules give the upload's well-formed statuses. */
function stateOf(upload: GeneratedUpload): string {
  const groups = new Map<string, string[]>();
  for (const fields of fieldsOf(upload)) {
    const key = groupKey(
      String(fields['service']),
      (fields['source'] as string | undefined) ?? null,
    );
    groups.set(key, [...(groups.get(key) ?? []), String(fields['status'])]);
  }
  return payloadStateOf([...groups.values()].map(classifyGroup));
}

describe('LifecycleGenerator', () => {
  it('produces 7 messages on the short path and 21 on the long path when nothing fails', () => {
    const uploads = generate(200, { errorShare: 0 });

    for (const upload of uploads) {
      expect(upload.failedService).toBeNull();
      expect(upload.messages).toHaveLength(upload.path === 'long' ? 21 : 7);
    }
    expect(SHORT_PATH).toHaveLength(7);
    expect(LONG_PATH).toHaveLength(21);
    expect(uploads.some((upload) => upload.path === 'long')).toBe(true);
    expect(uploads.some((upload) => upload.path === 'short')).toBe(true);
  });

  it('follows the path definitions service by service and status by status', () => {
    for (const upload of generate(50, { errorShare: 0 })) {
      const path = upload.path === 'long' ? LONG_PATH : SHORT_PATH;
      expect(
        fieldsOf(upload).map((fields) => [
          fields['service'],
          fields['status'],
          fields['source'] ?? null,
        ]),
      ).toEqual(path.map((step) => [step.service, step.status, step.source]));
    }
  });

  it('uses a 32-hex-digit uuid4 request_id as key and field, unique per upload', () => {
    const uploads = generate(500);

    for (const upload of uploads) {
      expect(upload.requestId).toMatch(/^[0-9a-f]{12}4[0-9a-f]{3}[89ab][0-9a-f]{15}$/);
      for (const message of upload.messages) {
        expect(message.key).toBe(upload.requestId);
      }
      for (const fields of fieldsOf(upload)) {
        expect(fields['request_id']).toBe(upload.requestId);
      }
    }
    expect(new Set(uploads.map((upload) => upload.requestId)).size).toBe(uploads.length);
  });

  it('dates every status in RFC 3339 with microseconds, increasing by 10 to 500 ms from the start', () => {
    for (const upload of generate(100)) {
      const dates = fieldsOf(upload).map((fields) => fields['date']);
      for (const date of dates) {
        expect(date).toMatch(MICROS_DATE);
      }
      const micros = dates.map(microsOf);
      expect(micros[0]).toBeGreaterThanOrEqual(START);
      for (let index = 1; index < micros.length; index++) {
        const gap = (micros[index] ?? 0n) - (micros[index - 1] ?? 0n);
        expect(gap).toBeGreaterThanOrEqual(10_000n);
        expect(gap).toBeLessThanOrEqual(500_000n);
      }
    }
  });

  it('sends account and org_id only from ingress success on, host ids only from inventory success on', () => {
    for (const upload of generate(100, { errorShare: 0 })) {
      const messages = fieldsOf(upload);
      expect(messages[0]).not.toHaveProperty('account');
      expect(messages[0]).not.toHaveProperty('org_id');
      expect(messages[1]).toHaveProperty('account');
      expect(messages[1]).toHaveProperty('org_id');
      const inventorySuccess = messages.findIndex(
        (fields) => fields['service'] === 'inventory' && fields['status'] === 'success',
      );
      messages.forEach((fields, index) => {
        const isAfterInventory = inventorySuccess >= 0 && index >= inventorySuccess;
        if (!isAfterInventory) {
          expect(fields).not.toHaveProperty('inventory_id');
          expect(fields).not.toHaveProperty('system_id');
        }
      });
      if (upload.path === 'long') {
        expect(messages[inventorySuccess]?.['inventory_id']).toMatch(
          /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
        );
        expect(messages[inventorySuccess]?.['system_id']).toEqual(expect.any(String));
      } else {
        expect(inventorySuccess).toBe(-1);
      }
    }
  });

  it('keeps one host and one customer per upload across its messages', () => {
    for (const upload of generate(100, { errorShare: 0 })) {
      for (const field of ['account', 'org_id', 'inventory_id', 'system_id']) {
        const values = new Set(
          fieldsOf(upload).flatMap((fields) => (field in fields ? [String(fields[field])] : [])),
        );
        expect(values.size).toBeLessThanOrEqual(1);
      }
    }
  });

  it('sets a source on inventory and the engines of the long path and none on ingress', () => {
    const long = generate(50, { errorShare: 0, longPathShare: 1 });

    for (const upload of long) {
      const messages = fieldsOf(upload);
      expect(
        messages
          .filter((fields) => fields['service'] === 'ingress')
          .every((fields) => !('source' in fields)),
      ).toBe(true);
      expect(messages.find((fields) => fields['service'] === 'inventory')?.['source']).toBe(
        'insights-client',
      );
      expect(messages.find((fields) => fields['service'] === 'advisor')?.['source']).toBe(
        'inventory',
      );
    }
  });

  it('stops an error path at the failing service, which sends error with a status_msg', () => {
    const uploads = generate(100, { errorShare: 1 });

    for (const upload of uploads) {
      const messages = fieldsOf(upload);
      const last = messages[messages.length - 1];
      expect(upload.failedService).not.toBeNull();
      expect(last?.['status']).toBe('error');
      expect(last?.['service']).toBe(upload.failedService);
      expect(last?.['status_msg']).toEqual(expect.any(String));
      expect(String(last?.['status_msg']).length).toBeGreaterThan(0);
      expect(
        messages
          .slice(0, -1)
          .every((fields) => fields['status'] !== 'error' && !('status_msg' in fields)),
      ).toBe(true);
      expect(messages.length).toBeLessThanOrEqual(upload.path === 'long' ? 21 : 7);
      expect(messages.length).toBeGreaterThanOrEqual(2);
    }
  });

  it('fails about the requested share of uploads', () => {
    const uploads = generate(2000, { errorShare: 0.2 });

    const failed = uploads.filter((upload) => upload.failedService !== null).length;
    expect(failed / uploads.length).toBeGreaterThan(0.16);
    expect(failed / uploads.length).toBeLessThan(0.24);
  });

  it('makes about the requested shares of failed and stalled uploads, the rest succeeded', () => {
    const uploads = generate(4000, { errorShare: 0.1, stallShare: 0.05 });
    const shareOf = (outcome: string): number =>
      uploads.filter((upload) => upload.outcome === outcome).length / uploads.length;

    expect(shareOf('failed')).toBeGreaterThan(0.085);
    expect(shareOf('failed')).toBeLessThan(0.115);
    expect(shareOf('stalled')).toBeGreaterThan(0.04);
    expect(shareOf('stalled')).toBeLessThan(0.06);
    expect(shareOf('succeeded') + shareOf('failed') + shareOf('stalled')).toBe(1);
  });

  it('gives each upload the state its outcome says under the lifecycle rules', () => {
    const uploads = generate(1000, { errorShare: 0.2, stallShare: 0.2 });

    for (const upload of uploads) {
      expect(stateOf(upload)).toBe(upload.outcome === 'stalled' ? 'in_progress' : upload.outcome);
      expect(upload.failedService !== null).toBe(upload.outcome === 'failed');
    }
  });

  it('closes every service of a succeeded upload with success and sends its whole path', () => {
    for (const upload of generate(200, { errorShare: 0, stallShare: 0 })) {
      const path = upload.path === 'long' ? LONG_PATH : SHORT_PATH;

      expect(upload.outcome).toBe('succeeded');
      expect(fieldsOf(upload)).toHaveLength(path.length);
    }
  });

  it('stops a stalled upload midway after a status that is not a success, with no error', () => {
    const uploads = generate(300, { errorShare: 0, stallShare: 1 });

    for (const upload of uploads) {
      const messages = fieldsOf(upload);
      const path = upload.path === 'long' ? LONG_PATH : SHORT_PATH;
      const last = messages.at(-1);

      expect(upload.outcome).toBe('stalled');
      expect(messages.length).toBeLessThan(path.length);
      expect(last?.['status']).not.toBe('success');
      expect(
        messages.some((fields) => fields['status'] === 'error' || 'status_msg' in fields),
      ).toBe(false);
    }
    expect(new Set(uploads.map((upload) => fieldsOf(upload).length)).size).toBeGreaterThan(5);
  });

  it('adds about the requested share of malformed messages, of every kind, and keeps lifecycles whole', () => {
    const uploads = generate(2000, { errorShare: 0, malformedShare: 0.1 });
    const messages = uploads.flatMap((upload) => upload.messages);

    const malformed = messages.filter((message) => message.malformedReason !== null);
    expect(malformed.length / messages.length).toBeGreaterThan(0.09);
    expect(malformed.length / messages.length).toBeLessThan(0.11);
    expect(new Set(malformed.map((message) => message.malformedReason))).toEqual(
      new Set(MALFORMED_REASONS),
    );
    for (const upload of uploads) {
      expect(fieldsOf(upload)).toHaveLength(upload.path === 'long' ? 21 : 7);
    }
  });

  it('produces no malformed message by default', () => {
    const messages = generate(300).flatMap((upload) => upload.messages);

    expect(messages.every((message) => message.malformedReason === null)).toBe(true);
  });

  it('repeats exactly the same traffic for the same seed and differs for another', () => {
    const first = generate(50, { seed: 7, errorShare: 0.3, malformedShare: 0.2 });
    const second = generate(50, { seed: 7, errorShare: 0.3, malformedShare: 0.2 });
    const other = generate(50, { seed: 8, errorShare: 0.3, malformedShare: 0.2 });

    expect(second).toEqual(first);
    expect(other.map((upload) => upload.requestId)).not.toEqual(
      first.map((upload) => upload.requestId),
    );
  });

  it('refuses shares outside [0, 1] and a malformed share of 1', () => {
    expect(() => new LifecycleGenerator({ seed: 1, errorShare: 1.5 })).toThrow(RangeError);
    expect(() => new LifecycleGenerator({ seed: 1, malformedShare: 1 })).toThrow(RangeError);
    expect(() => new LifecycleGenerator({ seed: 1, longPathShare: -0.1 })).toThrow(RangeError);
    expect(() => new LifecycleGenerator({ seed: 1, stallShare: 1.1 })).toThrow(RangeError);
    expect(() => new LifecycleGenerator({ seed: 1, errorShare: 0.6, stallShare: 0.5 })).toThrow(
      'add up to at most 1',
    );
  });

  it('generates well-formed messages the contract accepts, with the same fields, and malformed ones it refuses for their reason', () => {
    const uploads = generate(1000, { errorShare: 0.2, malformedShare: 0.2 });

    for (const upload of uploads) {
      for (const message of upload.messages) {
        const result = parseStatusMessage(Buffer.from(message.value), { requestIdLength: 32 });
        if (message.malformedReason !== null) {
          expect(result).toMatchObject({ ok: false, reason: message.malformedReason });
          continue;
        }
        const fields = JSON.parse(message.value) as Fields;
        expect(result).toEqual({
          ok: true,
          message: {
            requestId: upload.requestId,
            service: fields['service'],
            status: fields['status'],
            source: fields['source'] ?? null,
            date: microsOf(fields['date']),
            account:
              typeof fields['account'] === 'number'
                ? String(fields['account'])
                : (fields['account'] ?? null),
            orgId: fields['org_id'] ?? null,
            inventoryId: fields['inventory_id'] ?? null,
            systemId: fields['system_id'] ?? null,
            statusMsg: fields['status_msg'] ?? null,
          },
        });
      }
    }
  });
});
