import type { PayloadStateFilterValue } from '@payload-tracker/api-contract';
import type { GroupState } from '@payload-tracker/status-lifecycle';
import type { JSX } from 'preact';

/** How each state reads to people. */
export const STATE_LABELS: Readonly<Record<PayloadStateFilterValue, string>> = {
  failed: 'Failed',
  stalled: 'Stalled',
  in_progress: 'In progress',
  succeeded: 'Succeeded',
};

/** The order chips and counts are shown in: what needs attention first. */
export const STATE_ORDER: readonly PayloadStateFilterValue[] = [
  'failed',
  'stalled',
  'in_progress',
  'succeeded',
];

/** A payload's or group's state as a coloured label (its text says it; colour only helps). */
export function StateChip({
  state,
}: {
  state: PayloadStateFilterValue | GroupState | undefined;
}): JSX.Element {
  if (state === undefined) {
    return <span class="chip chip-unknown">Unknown</span>;
  }
  return <span class={`chip chip-${state}`}>{STATE_LABELS[state]}</span>;
}
