import type { JSX } from 'preact';

import { formatDateTime } from '../lib/timestamps';

/** A timestamp for people, the exact one (with microseconds) on hover and for machines. */
export function Timestamp({ value }: { value: string | undefined }): JSX.Element {
  if (value === undefined) {
    return <span class="muted">—</span>;
  }
  return (
    <time dateTime={value} title={value} class="timestamp">
      {formatDateTime(value)}
    </time>
  );
}
