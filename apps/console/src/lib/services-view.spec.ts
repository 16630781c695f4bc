import type { ServiceStatsRow } from './api-types';
import {
  DEFAULT_SERVICES_VIEW,
  formatSuccessRate,
  parseServicesView,
  serviceLabel,
  serviceSortValue,
  servicesViewQuery,
  sortServicesBy,
} from './services-view';

const row: ServiceStatsRow = {
  service: 'puptoo',
  source: 'client',
  payloads: 10,
  succeeded: 7,
  failed: 2,
  in_progress: 1,
  stalled: 0,
  success_rate: 7 / 9,
  duration_p50: '00:00:01.500000',
};

describe('the services view in the URL', () => {
  it('opens the last hour in the API order, written as an empty query', () => {
    expect(parseServicesView('')).toEqual(DEFAULT_SERVICES_VIEW);
    expect(servicesViewQuery(DEFAULT_SERVICES_VIEW)).toBe('');
  });

  it('round-trips a window and a sort', () => {
    const view = { window: '7d', sort: 'failed', dir: 'asc' } as const;
    expect(servicesViewQuery(view)).toBe('?window=7d&sort=failed&dir=asc');
    expect(parseServicesView(servicesViewQuery(view))).toEqual(view);
  });

  it('ignores unknown values', () => {
    expect(parseServicesView('?window=2y&sort=nope&dir=x')).toEqual(DEFAULT_SERVICES_VIEW);
  });

  it('flips the direction on the same column, names A to Z and numbers largest first', () => {
    expect(sortServicesBy(DEFAULT_SERVICES_VIEW, 'service')).toMatchObject({
      sort: 'service',
      dir: 'asc',
    });
    expect(sortServicesBy(DEFAULT_SERVICES_VIEW, 'failed')).toMatchObject({ dir: 'desc' });
    expect(sortServicesBy({ ...DEFAULT_SERVICES_VIEW, sort: 'failed' }, 'failed')).toMatchObject({
      dir: 'asc',
    });
  });
});

describe('service values', () => {
  it.each([
    ['service', 'puptoo:client'],
    ['failed', 2],
    ['success_rate', 7 / 9],
    ['duration_p50', 1_500_000],
    ['duration_p99', undefined],
  ] as const)('sorts %s by %p', (column, expected) => {
    expect(serviceSortValue(row, column)).toBe(expected);
  });

  it('names a service without a source by its service alone', () => {
    expect(serviceLabel({ service: 'ingress' })).toBe('ingress');
  });

  it.each([
    [undefined, '—'],
    [1, '100 %'],
    [0, '0 %'],
    [7 / 9, '77.8 %'],
    [0.5, '50 %'],
    [0.9999, '100 %'],
  ])('writes the success rate %p as %s', (rate, expected) => {
    expect(formatSuccessRate(rate)).toBe(expected);
  });
});
