import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';

/** Copies `text` to the clipboard and says so (or says it could not). */
export function CopyButton({ text, label }: { text: string; label: string }): JSX.Element {
  const [outcome, setOutcome] = useState<'idle' | 'copied' | 'failed'>('idle');
  useEffect(() => {
    if (outcome === 'idle') return undefined;
    const timer = setTimeout(() => setOutcome('idle'), 2000);
    return () => clearTimeout(timer);
  }, [outcome]);

  const copy = (): void => {
    if (navigator.clipboard === undefined) {
      setOutcome('failed');
      return;
    }
    navigator.clipboard.writeText(text).then(
      () => setOutcome('copied'),
      () => setOutcome('failed'),
    );
  };
  return (
    <>
      <button type="button" class="button button-small" onClick={copy} aria-label={label}>
        Copy
      </button>
      <span class="copy-outcome" role="status">
        {outcome === 'copied'
          ? 'Copied'
          : outcome === 'failed'
            ? 'Copy failed: select the text'
            : ''}
      </span>
    </>
  );
}
