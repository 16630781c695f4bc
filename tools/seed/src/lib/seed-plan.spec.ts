import { planChunks, planSeedShape } from './seed-plan';
import {
  ENGINE_STEPS,
  LONG_TEMPLATES,
  LATE_STEP,
  LONG_TEMPLATE_LENGTH,
  SEED_SERVICES,
  SEED_SOURCES,
  SEED_STATUSES,
  SHORT_TEMPLATES,
  SHORT_TEMPLATE_LENGTH,
} from './seed-vocabulary';

describe('seed templates', () => {
  it('has long templates of 21 steps and short ones of 7', () => {
    expect(LONG_TEMPLATES.map((template) => template.length)).toEqual(
      LONG_TEMPLATES.map(() => LONG_TEMPLATE_LENGTH),
    );
    expect(SHORT_TEMPLATES.map((template) => template.length)).toEqual(
      SHORT_TEMPLATES.map(() => SHORT_TEMPLATE_LENGTH),
    );
  });

  it('reaches inventory success at step 8 of every long template (host ids exist from there)', () => {
    for (const template of LONG_TEMPLATES) {
      expect(template[7]).toMatchObject({ service: 'inventory', status: 'success' });
      expect(
        template
          .slice(0, 7)
          .some((step) => step.service === 'inventory' && step.status === 'success'),
      ).toBe(false);
    }
  });

  it('starts every lifecycle at ingress received and keeps the engines in the last steps', () => {
    for (const template of [...LONG_TEMPLATES, ...SHORT_TEMPLATES]) {
      expect(template[0]).toEqual({ service: 'ingress', status: 'received', source: null });
    }
    for (const template of LONG_TEMPLATES) {
      expect(template[LONG_TEMPLATE_LENGTH - ENGINE_STEPS]).toMatchObject({ status: 'received' });
    }
  });

  it('uses every service, source and status of the vocabulary, and nothing else', () => {
    const steps = [...LONG_TEMPLATES, ...SHORT_TEMPLATES, [LATE_STEP]].flat();

    expect(new Set(steps.map((step) => step.service))).toEqual(new Set(SEED_SERVICES));
    expect(new Set(steps.flatMap((step) => (step.source === null ? [] : [step.source])))).toEqual(
      new Set(SEED_SOURCES),
    );
    const used = new Set(steps.map((step) => step.status));
    expect(SEED_STATUSES.filter((status) => !used.has(status))).toEqual(['error', 'failed']);
    expect(SEED_SERVICES).toHaveLength(15);
    expect(SEED_STATUSES).toHaveLength(8);
  });
});

describe('planChunks', () => {
  it('covers 1..payloads with contiguous ranges of at most chunk', () => {
    expect(planChunks(10, 4)).toEqual([
      { from: 1, to: 4 },
      { from: 5, to: 8 },
      { from: 9, to: 10 },
    ]);
    expect(planChunks(3, 50_000)).toEqual([{ from: 1, to: 3 }]);
  });
});

describe('planSeedShape', () => {
  it.each([
    [1_000_000, 10_000_000, 5, 20, 200_000, 20_000],
    [2000, 20_000, 5, 20, 400, 40],
    [2000, 20_001, 5, 21, 400, 40],
    [100, 100, 0, 1, 20, 2],
    [10, 300, 0, 30, 2, 1],
  ])(
    'for %d payloads and %d statuses shifts by up to %d (at most %d statuses), with %d hosts and %d accounts',
    (payloads, statuses, deltaMax, maxCount, hosts, accounts) => {
      expect(planSeedShape(payloads, statuses)).toEqual({
        deltaMax,
        maxCount,
        hostCount: hosts,
        accountCount: accounts,
      });
    },
  );

  it('keeps every lifecycle between 2 and 21 statuses around an average of 10', () => {
    const { deltaMax } = planSeedShape(1000, 10_000);

    expect(10 - deltaMax).toBeGreaterThanOrEqual(2);
    expect(11 + 2 * deltaMax).toBeLessThanOrEqual(21);
  });
});
