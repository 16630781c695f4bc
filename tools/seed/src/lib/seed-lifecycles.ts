import { ENGINE_STEPS, LATE_STEP, LONG_TEMPLATES, SHORT_TEMPLATES } from './seed-vocabulary';
import type { TemplateStep } from './seed-vocabulary';

/**
 * Every lifecycle the chunk statement can need, as SQL arrays of 1-based indexes into `steps`.
 * Templates are numbered as in the statement: the long ones, then the short ones.
 */
export interface SeedLifecycles {
  /** Distinct steps (service, source, status) the other arrays point into. */
  readonly steps: readonly TemplateStep[];
  /** Most statuses of one payload; every array is laid out with this stride. */
  readonly maxCount: number;
  /**
   * Status s (1..k) of a succeeded payload of template t with k statuses, at
   * `(t * maxCount + k - 1) * maxCount + s - 1`. Failed and stalled payloads take the same
   * lifecycle and change its last status only.
   */
  readonly succeeded: readonly number[];
  /** The last status of a stalled payload of template t with k statuses, at `t * maxCount + k - 1`. */
  readonly stalledLast: readonly number[];
  /**
   * Position (1-based) of inventory's `success` in the succeeded lifecycle of template t with
   * k statuses, 0 when there is none, at `t * maxCount + k - 1`: host ids exist from there.
   */
  readonly inventoryAnsweredAt: readonly number[];
}

type Lifecycle = readonly TemplateStep[];

function isSameGroup(a: TemplateStep, b: TemplateStep): boolean {
  return a.service === b.service && a.source === b.source;
}

/** Consecutive steps of one `service:source`: each block is one group, closed by its last step. */
function blocksOf(template: Lifecycle): TemplateStep[][] {
  const blocks: TemplateStep[][] = [];
  for (const step of template) {
    const current = blocks.at(-1);
    if (current?.[0] !== undefined && isSameGroup(current[0], step)) {
      current.push(step);
    } else {
      blocks.push([step]);
    }
  }
  return blocks;
}

function processingOf(step: TemplateStep): TemplateStep {
  return { service: step.service, source: step.source, status: 'processing' };
}

/**
 * A lifecycle of exactly `count` statuses in which every group is closed by its `success`:
 * whole blocks of the template while they fit; the statuses left over open the next block
 * shortened to its first and last steps (one left over borrows a middle status of an earlier
 * block, or is an extra `processing` when there is none). Beyond the whole template the steps from `repeatFrom` come again (re-analysis of
 * groups that already succeeded, so they stay succeeded).
 */
export function succeededLifecycle(
  template: Lifecycle,
  count: number,
  repeatFrom: number,
): TemplateStep[] {
  const blocks = blocksOf(template);
  const firstBlock = blocks[0];
  if (firstBlock === undefined || count < 1) {
    return [];
  }
  if (count >= template.length) {
    const repeated = template.slice(repeatFrom);
    return [
      ...template,
      ...Array.from(
        { length: count - template.length },
        (_, index) => repeated[index % repeated.length] as TemplateStep,
      ),
    ];
  }
  const lastOfFirst = firstBlock.at(-1) as TemplateStep;
  if (count === 1) {
    return [lastOfFirst];
  }
  const used: TemplateStep[][] = [];
  let size = 0;
  for (const block of blocks) {
    if (size + block.length > count) {
      break;
    }
    used.push([...block]);
    size += block.length;
  }
  const nextBlock = blocks[used.length];
  let rest = count - size;
  const withMiddle = used.findLastIndex((block) => block.length > 2);
  if (rest === 1 && nextBlock !== undefined && withMiddle >= 0) {
    // One short of opening the next block: borrow a middle status from an earlier one.
    used[withMiddle]?.splice(1, 1);
    rest = 2;
  }
  const lifecycle = used.flat();
  if (rest === 1) {
    const close = lifecycle.at(-1) as TemplateStep;
    lifecycle.splice(lifecycle.length - 1, 0, processingOf(close));
  } else if (rest >= 2 && nextBlock !== undefined) {
    lifecycle.push(...nextBlock.slice(0, rest - 1), nextBlock.at(-1) as TemplateStep);
  }
  return lifecycle;
}

/**
 * The last status of a stalled payload of `count` statuses, in place of the succeeded
 * lifecycle's: within the template that closing `success` becomes a `processing` of the same
 * group (it never finished); beyond it, every group already succeeded, so a service of no
 * template receives it and never answers ({@link LATE_STEP}).
 */
export function stalledLastStep(lifecycle: Lifecycle, templateLength: number): TemplateStep {
  const last = lifecycle.at(-1);
  if (last === undefined || lifecycle.length > templateLength) {
    return LATE_STEP;
  }
  return processingOf(last);
}

/** Every template in statement order, with where its re-analysis starts. */
function templatesWithRepeat(): { template: Lifecycle; repeatFrom: number }[] {
  return [
    ...LONG_TEMPLATES.map((template) => ({
      template,
      repeatFrom: template.length - ENGINE_STEPS,
    })),
    ...SHORT_TEMPLATES.map((template) => ({
      template,
      repeatFrom: blocksOf(template)[0]?.length ?? 0,
    })),
  ];
}

/** The lifecycles of every template for 1..`maxCount` statuses, as the chunk statement reads them. */
export function planLifecycles(maxCount: number): SeedLifecycles {
  const steps: TemplateStep[] = [];
  const indexes = new Map<string, number>();
  const indexOf = (step: TemplateStep): number => {
    const key = JSON.stringify([step.service, step.source, step.status]);
    let index = indexes.get(key);
    if (index === undefined) {
      steps.push(step);
      index = steps.length;
      indexes.set(key, index);
    }
    return index;
  };
  const succeeded: number[] = [];
  const stalledLast: number[] = [];
  const inventoryAnsweredAt: number[] = [];
  for (const { template, repeatFrom } of templatesWithRepeat()) {
    for (let count = 1; count <= maxCount; count++) {
      const lifecycle = succeededLifecycle(template, count, repeatFrom);
      const slots = Array.from({ length: maxCount }, (_, index) => lifecycle[index]);
      succeeded.push(...slots.map((step) => (step === undefined ? 0 : indexOf(step))));
      stalledLast.push(indexOf(stalledLastStep(lifecycle, template.length)));
      inventoryAnsweredAt.push(
        lifecycle.findIndex((step) => step.service === 'inventory' && step.status === 'success') +
          1,
      );
    }
  }
  return { steps, maxCount, succeeded, stalledLast, inventoryAnsweredAt };
}
