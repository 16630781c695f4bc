import { closedServiceSpans, payloadGroupKey } from './service-spans';
import type { PayloadStatus } from './service-spans';

const A = 'a'.repeat(32);
const B = 'b'.repeat(32);

function status(
  requestId: string,
  service: string,
  state: string,
  second: number,
  source: string | null = null,
): PayloadStatus {
  return { requestId, service, source, status: state, date: BigInt(second * 1_000_000) };
}

describe('closedServiceSpans', () => {
  it('measures each stored success or error from the earliest status of its group in the batch', () => {
    const batch = [
      status(A, 'ingress', 'received', 1),
      status(A, 'puptoo', 'received', 2, 'insights-client'),
      status(A, 'ingress', 'success', 4),
      status(A, 'puptoo', 'error', 7, 'insights-client'),
      status(B, 'ingress', 'processing', 3),
    ];

    const sut = closedServiceSpans(batch, batch);

    expect(sut).toEqual([
      { service: 'ingress', source: null, status: 'success', micros: 3_000_000n },
      { service: 'puptoo', source: 'insights-client', status: 'error', micros: 5_000_000n },
    ]);
  });

  it('starts a group at its earlier stored status when that is earlier than the batch', () => {
    const batch = [status(A, 'puptoo', 'processing', 10), status(A, 'puptoo', 'success', 12)];
    const earlier = new Map([[payloadGroupKey(A, 'puptoo', null), 2_500_000n]]);

    expect(closedServiceSpans(batch, batch, earlier)).toEqual([
      { service: 'puptoo', source: null, status: 'success', micros: 9_500_000n },
    ]);
  });

  it('reports only spans closed by statuses the batch stored, never by duplicates', () => {
    const received = status(A, 'ingress', 'received', 1);
    const success = status(A, 'ingress', 'success', 2);

    expect(closedServiceSpans([received, success], [received])).toEqual([]);
  });

  it('never reports a negative span, and keeps groups of different payloads and sources apart', () => {
    const batch = [
      status(A, 'ingress', 'success', 5),
      status(A, 'ingress', 'received', 9),
      status(B, 'ingress', 'received', 0),
      status(A, 'ingress', 'received', 1, 'other'),
    ];

    expect(closedServiceSpans(batch, batch)).toEqual([
      { service: 'ingress', source: null, status: 'success', micros: 0n },
    ]);
  });

  it('keys groups without a source with the spelling of the durations', () => {
    expect(payloadGroupKey(A, 'ingress', null)).toBe(`${A} ingress:undefined`);
  });
});
