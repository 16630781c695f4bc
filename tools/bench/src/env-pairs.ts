/** `KEY=VALUE` command-line pairs (`--api-env`, `--ingester-env`) as an environment object. */
export function parseEnvPairs(pairs: readonly string[]): Record<string, string> {
  return Object.fromEntries(
    pairs.map((pair) => {
      const equals = pair.indexOf('=');
      if (equals <= 0) {
        throw new Error(`expected KEY=VALUE, got ${pair}`);
      }
      return [pair.slice(0, equals), pair.slice(equals + 1)];
    }),
  );
}
