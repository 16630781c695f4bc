import type { JSX } from 'preact';

import { formatHumanDuration, parseApiDuration } from '../lib/human-duration';

/** A duration for people (`5.6 s`), the exact `HH:MM:SS.ffffff` on hover. */
export function Duration({ exact }: { exact: string | undefined }): JSX.Element {
  if (exact === undefined) {
    return <span class="muted">—</span>;
  }
  const micros = parseApiDuration(exact);
  return (
    <span class="duration" title={exact}>
      {micros === null ? exact : formatHumanDuration(micros)}
    </span>
  );
}
