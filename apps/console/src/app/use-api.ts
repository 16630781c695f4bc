import { useEffect, useState } from 'preact/hooks';

import type { ApiFailure, ApiResult } from '../lib/api-client';

/** A request's progress: loading (with the last value, if any), done, or failed. */
export type Loadable<T> =
  | { readonly status: 'loading'; readonly previous?: T }
  | { readonly status: 'ok'; readonly value: T }
  | { readonly status: 'error'; readonly failure: ApiFailure };

/**
 * Runs `load` whenever `key` changes, aborting the previous run; `reload` runs it again. The
 * last value stays available while the next one loads, so a page does not flash empty.
 */
export function useApi<T>(
  key: string,
  load: (signal: AbortSignal) => Promise<ApiResult<T>>,
): [Loadable<T>, () => void] {
  const [state, setState] = useState<Loadable<T>>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    const controller = new AbortController();
    setState((current) => ({
      status: 'loading',
      previous: current.status === 'ok' ? current.value : undefined,
    }));
    load(controller.signal).then(
      (result) => {
        if (!controller.signal.aborted) {
          setState(
            result.ok
              ? { status: 'ok', value: result.value }
              : { status: 'error', failure: result.failure },
          );
        }
      },
      (error: unknown) => {
        if (!controller.signal.aborted) {
          setState({
            status: 'error',
            failure: {
              kind: 'failed',
              message: error instanceof Error ? error.message : String(error),
            },
          });
        }
      },
    );
    return () => controller.abort();
    // `load` is a new closure each render; `key` names what it loads.
  }, [key, attempt]);
  return [state, () => setAttempt((n) => n + 1)];
}
