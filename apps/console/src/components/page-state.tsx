import type { ComponentChildren, JSX } from 'preact';

import type { ApiFailure } from '../lib/api-client';

/** A request under way, said in words (and to screen readers, politely). */
export function Loading({ what }: { what: string }): JSX.Element {
  return (
    <p class="notice notice-loading" role="status">
      Loading {what}…
    </p>
  );
}

/** What went wrong with a request, in words, with a way to try again. */
export function Failure({
  failure,
  what,
  onRetry,
}: {
  failure: ApiFailure;
  what: string;
  onRetry?: () => void;
}): JSX.Element {
  const heading =
    failure.kind === 'unavailable'
      ? 'The API is not answering'
      : failure.kind === 'bad_request'
        ? `The API refused this ${what} request`
        : `Could not load ${what}`;
  return (
    <div class="notice notice-error" role="alert">
      <p class="notice-title">{heading}</p>
      <p>
        {failure.message}
        {failure.status === undefined ? '' : ` (HTTP ${failure.status.toString()})`}
      </p>
      {failure.kind === 'unavailable' && (
        <p>Check that the api is running (`npm start` runs it locally) and try again.</p>
      )}
      {onRetry !== undefined && (
        <button type="button" class="button" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}

/** Nothing to show, and what to do about it. */
export function Empty({
  title,
  children,
}: {
  title: string;
  children?: ComponentChildren;
}): JSX.Element {
  return (
    <div class="notice notice-empty">
      <p class="notice-title">{title}</p>
      {children}
    </div>
  );
}

/** The hint for a database without data yet. */
export function SampleTrafficHint(): JSX.Element {
  return (
    <p>
      Send sample traffic with <code>npm run produce</code> (or start everything with{' '}
      <code>npm start</code>, which sends some), then reload.
    </p>
  );
}
