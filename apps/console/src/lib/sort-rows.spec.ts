import { sortRows } from './sort-rows';

interface Row {
  readonly name?: string;
  readonly n?: number;
  readonly tag: string;
}

const rows: Row[] = [
  { name: 'puptoo-10', n: 3, tag: 'a' },
  { name: 'puptoo-2', n: 1, tag: 'b' },
  { n: 2, tag: 'c' },
  { name: 'advisor', tag: 'd' },
  { name: 'puptoo-2', n: 5, tag: 'e' },
];

const tags = (sorted: Row[]): string => sorted.map((row) => row.tag).join('');

describe('sortRows', () => {
  it('sorts names as people read them, equal ones in their first order, absent last', () => {
    expect(tags(sortRows(rows, (row) => row.name, 'asc'))).toBe('dbeac');
    expect(tags(sortRows(rows, (row) => row.name, 'desc'))).toBe('abedc');
  });

  it('sorts numbers numerically, absent last either way', () => {
    expect(tags(sortRows(rows, (row) => row.n, 'asc'))).toBe('bcaed');
    expect(tags(sortRows(rows, (row) => row.n, 'desc'))).toBe('eacbd');
  });

  it('leaves its input alone', () => {
    const copy = [...rows];
    sortRows(rows, (row) => row.n, 'asc');
    expect(rows).toEqual(copy);
  });
});
