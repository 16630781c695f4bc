import type { ComponentChildren, JSX } from 'preact';

/**
 * A wide table's own scrolling box, so the page never scrolls sideways on a phone; focusable
 * (and named) so keyboard users can scroll it too.
 */
export function TableScroll({
  label,
  children,
}: {
  label: string;
  children: ComponentChildren;
}): JSX.Element {
  return (
    <div class="table-scroll" tabIndex={0} role="region" aria-label={label}>
      {children}
    </div>
  );
}
