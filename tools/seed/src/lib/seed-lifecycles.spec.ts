import { classifyGroup, groupKey, payloadStateOf } from '@payload-tracker/status-lifecycle';
import type { StoredPayloadState } from '@payload-tracker/status-lifecycle';
import { planLifecycles, stalledLastStep, succeededLifecycle } from './seed-lifecycles';
import {
  ENGINE_STEPS,
  LATE_STEP,
  LONG_TEMPLATES,
  SHORT_TEMPLATES,
  SHORT_TEMPLATE_LENGTH,
} from './seed-vocabulary';
import type { TemplateStep } from './seed-vocabulary';

function stateOf(lifecycle: readonly TemplateStep[]): StoredPayloadState {
  const groups = new Map<string, string[]>();
  for (const step of lifecycle) {
    const key = groupKey(step.service, step.source);
    groups.set(key, [...(groups.get(key) ?? []), step.status]);
  }
  return payloadStateOf([...groups.values()].map(classifyGroup));
}

function withLast(lifecycle: readonly TemplateStep[], last: TemplateStep): TemplateStep[] {
  return [...lifecycle.slice(0, -1), last];
}

const LONG = LONG_TEMPLATES.map((template) => ({
  template,
  repeatFrom: template.length - ENGINE_STEPS,
}));
const SHORT = SHORT_TEMPLATES.map((template) => ({ template, repeatFrom: 2 }));
const COUNTS = Array.from({ length: 40 }, (_, index) => index + 1);

describe('succeededLifecycle', () => {
  it('has exactly the requested number of statuses and every group closed by success', () => {
    for (const { template, repeatFrom } of [...LONG, ...SHORT]) {
      for (const count of COUNTS) {
        const sut = succeededLifecycle(template, count, repeatFrom);

        expect(sut).toHaveLength(count);
        expect(stateOf(sut)).toBe('succeeded');
      }
    }
  });

  it('fails as a payload when its last status becomes an error', () => {
    for (const { template, repeatFrom } of [...LONG, ...SHORT]) {
      for (const count of COUNTS) {
        const lifecycle = succeededLifecycle(template, count, repeatFrom);
        const last = lifecycle.at(-1) as TemplateStep;

        expect(stateOf(withLast(lifecycle, { ...last, status: 'error' }))).toBe('failed');
      }
    }
  });

  it('keeps whole blocks of the template while they fit, then shortens or extends one', () => {
    const [template] = LONG_TEMPLATES as [readonly TemplateStep[]];
    const statusesOf = (count: number): string[] =>
      succeededLifecycle(template, count, 10).map((step) => `${step.service} ${step.status}`);

    expect(statusesOf(1)).toEqual(['ingress success']);
    expect(statusesOf(5)).toEqual([
      'ingress received',
      'ingress success',
      'puptoo received',
      'puptoo processing',
      'puptoo success',
    ]);
    expect(statusesOf(3)).toEqual(['ingress received', 'ingress processing', 'ingress success']);
    expect(statusesOf(6)).toEqual([
      'ingress received',
      'ingress success',
      'puptoo received',
      'puptoo success',
      'inventory received',
      'inventory success',
    ]);
    expect(statusesOf(7).slice(5)).toEqual(['inventory received', 'inventory success']);
    expect(succeededLifecycle(template, 21, 10)).toEqual(template);
    expect(succeededLifecycle(template, 23, 10).slice(21)).toEqual(template.slice(10, 12));
  });
});

describe('stalledLastStep', () => {
  it('leaves the payload in progress, with no failure, at every length', () => {
    for (const { template, repeatFrom } of [...LONG, ...SHORT]) {
      for (const count of COUNTS) {
        const lifecycle = succeededLifecycle(template, count, repeatFrom);
        const sut = stalledLastStep(lifecycle, template.length);

        expect(stateOf(withLast(lifecycle, sut))).toBe('in_progress');
      }
    }
  });

  it('stops the last group at processing within the template and at a late service beyond', () => {
    const [template] = LONG_TEMPLATES as [readonly TemplateStep[]];

    expect(stalledLastStep(succeededLifecycle(template, 5, 10), 21)).toEqual({
      service: 'puptoo',
      source: null,
      status: 'processing',
    });
    expect(stalledLastStep(succeededLifecycle(template, 22, 10), 21)).toEqual(LATE_STEP);
  });
});

describe('planLifecycles', () => {
  const sut = planLifecycles(21);
  const stepAt = (index: number | undefined): TemplateStep => {
    const step = sut.steps[(index ?? 0) - 1];
    if (step === undefined) {
      throw new RangeError(`no step ${index}`);
    }
    return step;
  };

  it('lays out every template and length with the stride of the longest lifecycle', () => {
    const templates = LONG_TEMPLATES.length + SHORT_TEMPLATES.length;

    expect(sut.succeeded).toHaveLength(templates * 21 * 21);
    expect(sut.stalledLast).toHaveLength(templates * 21);
    expect(sut.inventoryAnsweredAt).toHaveLength(templates * 21);
    expect(new Set(sut.steps.map((step) => JSON.stringify(step))).size).toBe(sut.steps.length);
  });

  it('points at the lifecycles of succeededLifecycle and stalledLastStep, padded with 0', () => {
    const template = 1;
    const count = 9;
    const base = (template * 21 + count - 1) * 21;
    const slots = sut.succeeded.slice(base, base + 21);
    const expected = succeededLifecycle(LONG_TEMPLATES[template] ?? [], count, 10);

    expect(slots.slice(0, count).map(stepAt)).toEqual(expected);
    expect(slots.slice(count)).toEqual(Array.from({ length: 21 - count }, () => 0));
    expect(stepAt(sut.stalledLast[template * 21 + count - 1])).toEqual(
      stalledLastStep(expected, 21),
    );
  });

  it("places inventory's success where host ids become known, 0 for rules-only templates", () => {
    const shortTemplate = LONG_TEMPLATES.length;

    expect(sut.inventoryAnsweredAt[0 * 21 + 5 - 1]).toBe(0);
    expect(sut.inventoryAnsweredAt[0 * 21 + 6 - 1]).toBe(6);
    expect(sut.inventoryAnsweredAt[0 * 21 + 8 - 1]).toBe(8);
    expect(sut.inventoryAnsweredAt[0 * 21 + 21 - 1]).toBe(8);
    expect(sut.inventoryAnsweredAt[shortTemplate * 21 + SHORT_TEMPLATE_LENGTH - 1]).toBe(0);
  });
});
