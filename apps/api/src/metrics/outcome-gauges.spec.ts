import { Registry } from 'prom-client';

import { OutcomeGauges } from './outcome-gauges';
import type { OutcomeGaugeValues } from './outcome-gauges';

function valuesWith(failed: number): OutcomeGaugeValues {
  return {
    payloads: { failed, succeeded: 10, in_progress: 3, stalled: 2 },
    stalledByService: [
      { service: 'ingress', source: null, stalled: 1 },
      { service: 'puptoo', source: 'client', stalled: 1 },
    ],
  };
}

describe('OutcomeGauges', () => {
  let now: number;
  let reads: number;
  let next: () => Promise<OutcomeGaugeValues>;
  let registry: Registry;

  beforeEach(() => {
    now = 1_000_000;
    reads = 0;
    next = () => Promise.resolve(valuesWith(reads));
    registry = new Registry();
    new OutcomeGauges(
      registry,
      () => {
        reads += 1;
        return next();
      },
      () => now,
      30_000,
    );
  });

  it('shows every state and the stalled payloads by service, no source as "undefined"', async () => {
    const text = await registry.metrics();
    expect(text).toContain('payload_tracker_payloads{state="failed"} 1');
    expect(text).toContain('payload_tracker_payloads{state="succeeded"} 10');
    expect(text).toContain('payload_tracker_payloads{state="in_progress"} 3');
    expect(text).toContain('payload_tracker_payloads{state="stalled"} 2');
    expect(text).toContain(
      'payload_tracker_stalled_payloads{service="ingress",source="undefined"} 1',
    );
    expect(text).toContain('payload_tracker_stalled_payloads{service="puptoo",source="client"} 1');
  });

  it('reads the database once per refresh interval, whatever the scrapes', async () => {
    await Promise.all([registry.metrics(), registry.metrics()]);
    now += 29_999;
    await registry.metrics();
    expect(reads).toBe(1);
    now += 1;
    const text = await registry.metrics();
    expect(reads).toBe(2);
    expect(text).toContain('payload_tracker_payloads{state="failed"} 2');
  });

  it('keeps the previous values when a read fails, and retries on the next scrape', async () => {
    await registry.metrics();
    now += 30_000;
    next = () => Promise.reject(new Error('database down'));
    const stale = await registry.metrics();
    expect(stale).toContain('payload_tracker_payloads{state="failed"} 1');
    next = () => Promise.resolve(valuesWith(7));
    const fresh = await registry.metrics();
    expect(reads).toBe(3);
    expect(fresh).toContain('payload_tracker_payloads{state="failed"} 7');
  });

  it('drops a service whose payloads are no longer stalled', async () => {
    await registry.metrics();
    now += 30_000;
    next = () => Promise.resolve({ ...valuesWith(0), stalledByService: [] });
    const text = await registry.metrics();
    expect(text).not.toContain('payload_tracker_stalled_payloads{');
    expect(text).toContain('# TYPE payload_tracker_stalled_payloads gauge');
  });
});
