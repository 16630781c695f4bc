import { formatEpochMicros } from './format-epoch-micros';
import { ERROR_MESSAGES, GENERIC_ERROR_MESSAGE, LONG_PATH, SHORT_PATH } from './lifecycle-paths';
import type { CarriedId, PathStep } from './lifecycle-paths';
import { MALFORMED_REASONS, malformMessage } from './malform-message';
import type { MalformedReason } from './malform-message';
import { SeededRandom } from './seeded-random';

/** Tunables of {@link LifecycleGenerator}; every share is a probability in [0, 1]. */
export interface LifecycleGeneratorOptions {
  /** Same seed, same start times: same messages. */
  readonly seed: number;
  /** Share of uploads where one service reports `error` and the lifecycle stops there. */
  readonly errorShare?: number;
  /**
   * Share of uploads that stop midway (after a `received` or `processing`, so the last group
   * never finishes): in progress, and stalled once their last status is old enough. Default 0.
   * At most 1 - errorShare.
   */
  readonly stallShare?: number;
  /** Share of all produced messages that are malformed (extra messages, lifecycles stay whole). Below 1. */
  readonly malformedShare?: number;
  /** Share of uploads taking the 21-message path instead of the 7-message one. */
  readonly longPathShare?: number;
  /** Distinct customer accounts (each with its own org_id). */
  readonly accountCount?: number;
  /** Distinct hosts; a host uploads again and keeps its inventory_id/system_id. */
  readonly hostCount?: number;
}

/** One Kafka record: keyed by request_id, value the JSON text. */
export interface GeneratedMessage {
  readonly key: string;
  readonly value: string;
  /** Why the ingester must refuse it, or null for a well-formed status. */
  readonly malformedReason: MalformedReason | null;
}

/**
 * How an upload's lifecycle ends: every group closed by `success`, one service reporting
 * `error`, or stopped midway with its last group open.
 */
export type UploadOutcome = 'succeeded' | 'failed' | 'stalled';

/** All messages of one upload, in the order its services would send them. */
export interface GeneratedUpload {
  readonly requestId: string;
  readonly path: 'short' | 'long';
  readonly outcome: UploadOutcome;
  /** The service that reported `error`, or null when the upload did not fail. */
  readonly failedService: string | null;
  readonly messages: readonly GeneratedMessage[];
}

interface Host {
  readonly inventoryId: string;
  readonly systemId: string;
  readonly account: number;
  readonly orgId: string;
}

const MIN_GAP_MICROS = 10_000;
const MAX_GAP_MICROS = 500_000;

function checkShare(name: string, value: number, allowOne: boolean): number {
  if (!Number.isFinite(value) || value < 0 || value > 1 || (!allowOne && value === 1)) {
    throw new RangeError(`${name} must be in [0, 1${allowOne ? ']' : ')'}, got ${value}`);
  }
  return value;
}

/**
 * Pure generator of realistic upload lifecycles as the platform's services report them on
 * `platform.payload-status`: customer ids appear from ingress's `success` on, host ids once
 * inventory has seen the host, statuses spaced tens to hundreds of milliseconds apart with
 * microsecond dates. No I/O: the caller supplies start times and sends the messages.
 */
export class LifecycleGenerator {
  private readonly random: SeededRandom;
  private readonly errorShare: number;
  private readonly stallShare: number;
  private readonly malformedPerMessage: number;
  private readonly longPathShare: number;
  private readonly hosts: readonly Host[];

  constructor(options: LifecycleGeneratorOptions) {
    this.random = new SeededRandom(options.seed);
    this.errorShare = checkShare('errorShare', options.errorShare ?? 0.05, true);
    this.stallShare = checkShare('stallShare', options.stallShare ?? 0, true);
    if (this.errorShare + this.stallShare > 1) {
      throw new RangeError('errorShare and stallShare must add up to at most 1');
    }
    const malformedShare = checkShare('malformedShare', options.malformedShare ?? 0, false);
    // One extra malformed message per well-formed one with probability q gives a malformed
    // share of q / (1 + q) of everything produced.
    this.malformedPerMessage = malformedShare / (1 - malformedShare);
    this.longPathShare = checkShare('longPathShare', options.longPathShare ?? 0.5, true);
    const accountCount = Math.max(1, Math.floor(options.accountCount ?? 200));
    const hostCount = Math.max(1, Math.floor(options.hostCount ?? 2000));
    const accounts = Array.from({ length: accountCount }, () => ({
      account: this.random.int(1_000_000, 9_999_999),
      orgId: String(this.random.int(10_000_000, 19_999_999)),
    }));
    this.hosts = Array.from({ length: hostCount }, () => {
      const customer = this.random.pick(accounts);
      return { inventoryId: this.random.uuid4(), systemId: this.random.uuid4(), ...customer };
    });
  }

  /** The next upload, its first status dated `startMicros` (epoch microseconds). */
  generateUpload(startMicros: bigint): GeneratedUpload {
    const requestId = this.random.uuid4Hex();
    const isLong = this.random.chance(this.longPathShare);
    const path = isLong ? LONG_PATH : SHORT_PATH;
    const host = this.random.pick(this.hosts);
    const isFailed = this.random.chance(this.errorShare);
    const failAt = isFailed ? this.pickFailingStep(path) : -1;
    // Drawn only when stalls are asked for, so runs without them keep their bytes per seed.
    const isStalled =
      !isFailed &&
      this.stallShare > 0 &&
      this.random.chance(this.stallShare / (1 - this.errorShare));
    const stopAt = isStalled ? this.pickStallingStep(path) : path.length - 1;
    const base = {
      requestId,
      path: isLong ? ('long' as const) : ('short' as const),
      outcome: isFailed
        ? ('failed' as const)
        : isStalled
          ? ('stalled' as const)
          : ('succeeded' as const),
    };

    const messages: GeneratedMessage[] = [];
    let date = startMicros;
    for (let index = 0; index <= stopAt; index++) {
      const step = path[index];
      if (step === undefined) {
        break;
      }
      if (index > 0) {
        date += BigInt(this.random.int(MIN_GAP_MICROS, MAX_GAP_MICROS));
      }
      const isFailure = index === failAt;
      const fields = this.buildFields(requestId, step, host, date, isFailure);
      messages.push({ key: requestId, value: JSON.stringify(fields), malformedReason: null });
      if (this.random.chance(this.malformedPerMessage)) {
        const reason = this.random.pick(MALFORMED_REASONS);
        messages.push({
          key: requestId,
          value: malformMessage(fields, reason, this.random),
          malformedReason: reason,
        });
      }
      if (isFailure) {
        return { ...base, failedService: step.service, messages };
      }
    }
    return { ...base, failedService: null, messages };
  }

  /** A step where a service is at work (not its `received`): that status becomes `error`. */
  private pickFailingStep(path: readonly PathStep[]): number {
    const candidates = path.flatMap((step, index) => (step.status === 'received' ? [] : [index]));
    return this.random.pick(candidates);
  }

  /** Where a stalled upload stops: any step but a `success`, so its group stays open. */
  private pickStallingStep(path: readonly PathStep[]): number {
    const candidates = path.flatMap((step, index) => (step.status === 'success' ? [] : [index]));
    return this.random.pick(candidates);
  }

  private buildFields(
    requestId: string,
    step: PathStep,
    host: Host,
    date: bigint,
    isFailure: boolean,
  ): Record<string, unknown> {
    const fields: Record<string, unknown> = {
      service: step.service,
      request_id: requestId,
      status: isFailure ? 'error' : step.status,
      date: formatEpochMicros(date),
    };
    if (step.source !== null) {
      fields['source'] = step.source;
    }
    for (const id of step.carries) {
      fields[id] = this.idValue(id, step, host);
    }
    if (isFailure) {
      fields['status_msg'] = this.random.pick(
        ERROR_MESSAGES[step.service] ?? [GENERIC_ERROR_MESSAGE],
      );
    }
    return fields;
  }

  private idValue(id: CarriedId, step: PathStep, host: Host): string | number {
    switch (id) {
      case 'account':
        // Ingress is an older producer that sends the account as a JSON number.
        return step.service === 'ingress' ? host.account : String(host.account);
      case 'org_id':
        return host.orgId;
      case 'inventory_id':
        return host.inventoryId;
      case 'system_id':
        return host.systemId;
    }
  }
}
