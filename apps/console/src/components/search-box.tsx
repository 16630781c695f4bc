import type { JSX, TargetedSubmitEvent } from 'preact';
import { useEffect, useState } from 'preact/hooks';

import { useRouter } from '../app/router';
import { routePath } from '../lib/console-paths';
import { classifySearch } from '../lib/search-query';

/**
 * The one box on every page: a request id (32 hex digits or the dashed form) opens its upload;
 * anything else is looked up as an account, org id, inventory id or system id on the search
 * page, which goes to the list it matches or offers the choices.
 */
export function SearchBox(): JSX.Element {
  const { paths, navigate, route, search } = useRouter();
  const current = route.page === 'search' ? (new URLSearchParams(search).get('q') ?? '') : '';
  const [text, setText] = useState(current);
  useEffect(() => setText(current), [current]);

  const submit = (event: TargetedSubmitEvent<HTMLFormElement>): void => {
    event.preventDefault();
    const target = classifySearch(text);
    switch (target.kind) {
      case 'empty':
        return;
      case 'request_id':
        navigate(routePath(paths.basePath, { page: 'upload', requestId: target.requestId }));
        return;
      case 'filters':
        navigate(
          routePath(
            paths.basePath,
            { page: 'search' },
            `?${new URLSearchParams({ q: target.value }).toString()}`,
          ),
        );
        return;
    }
  };

  return (
    <form role="search" class="search-box" onSubmit={submit}>
      <label for="search-input" class="visually-hidden">
        Search by request id, account, org id, inventory id or system id
      </label>
      <input
        id="search-input"
        type="search"
        name="q"
        value={text}
        onInput={(event) => setText(event.currentTarget.value)}
        placeholder="Request id, account, org, inventory or system id"
        autoComplete="off"
        spellcheck={false}
      />
      <button type="submit" class="button">
        Search
      </button>
    </form>
  );
}
