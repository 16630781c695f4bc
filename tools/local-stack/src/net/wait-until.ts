/** Retries `probe` until it resolves or `timeoutMs` passes; the last error explains a timeout. */
export async function waitUntil<T>(
  what: string,
  probe: () => Promise<T>,
  { timeoutMs = 60_000, intervalMs = 200 }: { timeoutMs?: number; intervalMs?: number } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      return await probe();
    } catch (error: unknown) {
      lastError = error;
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  const reason = lastError instanceof Error ? lastError.message : String(lastError);
  throw new Error(`${what} did not become ready within ${timeoutMs} ms: ${reason}`);
}
