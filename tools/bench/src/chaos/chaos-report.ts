/** What one fault cost: from the moment it ended until the ingester was ready, and storing again. */
export interface FaultRecovery {
  readonly fault: string;
  /** Seconds from the end of the fault until `/health/ready` answered 200 (null: never). */
  readonly readySeconds: number | null;
  /** Seconds from the end of the fault until a status produced after it was stored (null: never). */
  readonly storingSeconds: number | null;
}

/** The counts a chaos run ends with. */
export interface ChaosCounts {
  /** Valid messages sent, exact re-sends excluded. */
  readonly sentValid: number;
  /** Exact re-sends of valid messages (the same bytes again). */
  readonly sentDuplicates: number;
  /** Invalid messages sent, per reason the ingester must give. */
  readonly sentInvalid: Readonly<Record<string, number>>;
  /** Rows in `payload_statuses`. */
  readonly storedRows: number;
  /** Distinct dedupe keys among them. */
  readonly storedDistinct: number;
  /** Dead letters read back, per `x-error-reason`. */
  readonly deadLettered: Readonly<Record<string, number>>;
  /** Times the ingester exited without being killed by the run. */
  readonly unexpectedExits: number;
}

/** The figures of a run and whether it held: nothing lost, nothing doubled, every refusal in the DLQ. */
export interface ChaosVerdict {
  readonly lost: number;
  readonly doubled: number;
  /** Reasons whose dead-letter count differs from what was sent, with both counts. */
  readonly deadLetterMismatches: Readonly<Record<string, { sent: number; deadLettered: number }>>;
  readonly held: boolean;
}

function total(counts: Readonly<Record<string, number>>): number {
  return Object.values(counts).reduce((sum, count) => sum + count, 0);
}

/** Judges the counts of a run. */
export function judgeChaosRun(counts: ChaosCounts): ChaosVerdict {
  const lost = Math.max(0, counts.sentValid - counts.storedDistinct);
  const doubled = counts.storedRows - counts.storedDistinct;
  const reasons = new Set([
    ...Object.keys(counts.sentInvalid),
    ...Object.keys(counts.deadLettered),
  ]);
  const deadLetterMismatches: Record<string, { sent: number; deadLettered: number }> = {};
  for (const reason of [...reasons].sort()) {
    const sent = counts.sentInvalid[reason] ?? 0;
    const deadLettered = counts.deadLettered[reason] ?? 0;
    if (sent !== deadLettered) deadLetterMismatches[reason] = { sent, deadLettered };
  }
  const extra = counts.storedDistinct - counts.sentValid;
  return {
    lost,
    doubled,
    deadLetterMismatches,
    held:
      lost === 0 &&
      doubled === 0 &&
      extra <= 0 &&
      Object.keys(deadLetterMismatches).length === 0 &&
      counts.unexpectedExits === 0,
  };
}

function seconds(value: number | null): string {
  return value === null ? 'never' : `${value.toFixed(1)} s`;
}

/** The lines a chaos run prints last: the counts, each fault's recovery, and the verdict. */
export function formatChaosReport(
  counts: ChaosCounts,
  recoveries: readonly FaultRecovery[],
  verdict: ChaosVerdict,
): string[] {
  const sentInvalid = total(counts.sentInvalid);
  const lines = [
    `sent:          ${(counts.sentValid + counts.sentDuplicates + sentInvalid).toString()} ` +
      `(${counts.sentValid.toString()} valid, ${counts.sentDuplicates.toString()} exact duplicates, ` +
      `${sentInvalid.toString()} invalid of ${Object.keys(counts.sentInvalid).length.toString()} kinds)`,
    `stored:        ${counts.storedDistinct.toString()}`,
    `lost:          ${verdict.lost.toString()}`,
    `doubled:       ${verdict.doubled.toString()}`,
    `dead-lettered: ${total(counts.deadLettered).toString()} ` +
      `(${Object.entries(counts.deadLettered)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([reason, count]) => `${reason} ${count.toString()}`)
        .join(', ')})`,
    `unexpected ingester exits: ${counts.unexpectedExits.toString()}`,
    'recovery per fault (from its end): ready / storing again',
    ...recoveries.map(
      (recovery) =>
        `  ${recovery.fault.padEnd(28)} ${seconds(recovery.readySeconds)} / ${seconds(recovery.storingSeconds)}`,
    ),
  ];
  for (const [reason, mismatch] of Object.entries(verdict.deadLetterMismatches)) {
    lines.push(
      `dead letters for ${reason}: ${mismatch.deadLettered.toString()}, sent ${mismatch.sent.toString()}`,
    );
  }
  lines.push(
    verdict.held
      ? 'held: nothing lost, nothing doubled, every refusal dead-lettered'
      : 'DID NOT HOLD',
  );
  return lines;
}
