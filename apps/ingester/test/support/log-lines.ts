/**
 * The JSON log lines of a process's output, as objects; any other line (a stack trace, a blank
 * line, text another tool printed) is left out.
 */
export function parseLogLines(output: string): Record<string, unknown>[] {
  return output.split('\n').flatMap((line) => {
    try {
      const parsed: unknown = JSON.parse(line);
      return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
        ? [{ ...parsed }]
        : [];
    } catch (error: unknown) {
      if (error instanceof SyntaxError) {
        return [];
      }
      throw error;
    }
  });
}
