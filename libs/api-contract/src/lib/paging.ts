/** Pages are zero-based: the first `page`, and the default one. */
export const FIRST_PAGE = 0;

/**
 * Largest accepted `page`: deep enough for any list a person pages through (a million pages),
 * small enough that the offset stays an exact integer and a bounded walk.
 */
export const MAX_PAGE = 1_000_000;

/** Smallest accepted `page_size`. */
export const MIN_PAGE_SIZE = 1;

/** `page_size` when none is given. */
export const DEFAULT_PAGE_SIZE = 10;

/** Largest accepted `page_size`. */
export const MAX_PAGE_SIZE = 1000;

/**
 * Counting stops here: a list's `count` is exact below it; at it, `count` is this number and
 * `count_is_lower_bound` is `true`.
 */
export const COUNT_LIMIT = 10_000;
