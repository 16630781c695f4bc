import type { PayloadExactFilter } from '@payload-tracker/api-contract';

const HEX_UUID = /^[0-9a-f]{32}$/i;
const DASHED_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DIGITS = /^\d+$/;

/** What the search box makes of its text. */
export type SearchTarget =
  | { readonly kind: 'empty' }
  /** A UUID: the upload page of that request id (which falls back to inventory/system ids). */
  | { readonly kind: 'request_id'; readonly requestId: string }
  /** Anything else: the filters it may be a value of, in the order they are offered. */
  | { readonly kind: 'filters'; readonly value: string; readonly filters: PayloadExactFilter[] };

/** Filters a number may be: account numbers and org ids are both digits. */
const NUMERIC_FILTERS: PayloadExactFilter[] = ['account', 'org_id', 'request_id'];

/** Filters any other text may be (request ids need not be UUIDs). */
const TEXT_FILTERS: PayloadExactFilter[] = [
  'account',
  'org_id',
  'inventory_id',
  'system_id',
  'request_id',
];

/** Whether `text` is a UUID: 32 hex digits, or the dashed 8-4-4-4-12 form. */
export function isUuid(text: string): boolean {
  return HEX_UUID.test(text) || DASHED_UUID.test(text);
}

/**
 * Classifies the search box's text: a UUID goes straight to the upload page (request ids are
 * UUIDs in practice, and one lookup answers); digits may be an account or an org id (or an odd
 * request id); any other text may be any of the exact filters of `GET /payloads`.
 */
export function classifySearch(text: string): SearchTarget {
  const value = text.trim();
  if (value === '') {
    return { kind: 'empty' };
  }
  if (isUuid(value)) {
    return { kind: 'request_id', requestId: value };
  }
  return { kind: 'filters', value, filters: DIGITS.test(value) ? NUMERIC_FILTERS : TEXT_FILTERS };
}

/**
 * The spellings a UUID request id may have been stored under, the typed one first: the API
 * matches request ids exactly, and producers send either form, in either case.
 */
export function requestIdForms(requestId: string): string[] {
  const forms = [requestId];
  if (isUuid(requestId)) {
    const hex = requestId.replace(/-/g, '').toLowerCase();
    const dashed = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
    forms.push(hex, dashed);
  }
  return [...new Set(forms)];
}

/** How many uploads one filter matched. */
export interface FilterMatch {
  readonly filter: PayloadExactFilter;
  readonly count: number;
}

/** Where a search lands once each candidate filter has been counted. */
export type SearchResolution =
  | { readonly kind: 'none' }
  | { readonly kind: 'go'; readonly filter: PayloadExactFilter }
  | { readonly kind: 'choose'; readonly matches: FilterMatch[] };

/**
 * One filter with matches: go there; several: let the person choose (in the candidates'
 * order); none: say so.
 */
export function resolveSearch(counts: readonly FilterMatch[]): SearchResolution {
  const matches = counts.filter((match) => match.count > 0);
  const [only] = matches;
  if (only === undefined) {
    return { kind: 'none' };
  }
  if (matches.length === 1) {
    return { kind: 'go', filter: only.filter };
  }
  return { kind: 'choose', matches };
}
