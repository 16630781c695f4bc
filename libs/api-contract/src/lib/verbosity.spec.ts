import {
  DEFAULT_VERBOSITY,
  PAYLOAD_STATUS_FIELDS,
  VERBOSITY_FIELDS,
  VERBOSITY_LEVELS,
} from './verbosity';

describe('verbosity', () => {
  it('defaults to an allowed level that shows every field', () => {
    expect(VERBOSITY_LEVELS).toContain(DEFAULT_VERBOSITY);
    expect(VERBOSITY_FIELDS[DEFAULT_VERBOSITY]).toEqual(PAYLOAD_STATUS_FIELDS);
  });

  it('lists the fields of every level, and of no other', () => {
    expect(Object.keys(VERBOSITY_FIELDS).map(Number).sort()).toEqual([...VERBOSITY_LEVELS]);
  });

  it.each(VERBOSITY_LEVELS)('shows at level %i only row fields, each once', (level) => {
    const fields: readonly string[] = VERBOSITY_FIELDS[level];
    expect(new Set(fields).size).toBe(fields.length);
    for (const field of fields) {
      expect(PAYLOAD_STATUS_FIELDS).toContain(field);
    }
  });

  it('shows fewer fields the higher the level, never a field a lower level hides', () => {
    for (const [lower, higher] of [
      [0, 1],
      [1, 2],
    ] as const) {
      const lowerFields: readonly string[] = VERBOSITY_FIELDS[lower];
      expect(VERBOSITY_FIELDS[higher].length).toBeLessThan(lowerFields.length);
      for (const field of VERBOSITY_FIELDS[higher]) {
        expect(lowerFields).toContain(field);
      }
    }
  });
});
