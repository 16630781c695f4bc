import { Injectable } from '@nestjs/common';

/**
 * Whether the Kafka consumer is a member of its group, and which partitions it holds.
 * Written by the transport (outside Nest's container), read by the readiness check.
 */
@Injectable()
export class ConsumerMembershipService {
  private joined = false;
  private assignment: ReadonlyMap<string, readonly number[]> = new Map();

  markJoined(assignment: Readonly<Record<string, readonly number[]>>): void {
    this.joined = true;
    this.assignment = new Map(Object.entries(assignment));
  }

  markLeft(): void {
    this.joined = false;
    this.assignment = new Map();
  }

  /** True once the group is joined, with partitions or with none left to give this member. */
  isJoined(): boolean {
    return this.joined;
  }

  /** Partitions held, all topics together (one topic in practice), sorted. */
  assignedPartitions(): number[] {
    return [...this.assignment.values()].flat().sort((a, b) => a - b);
  }
}
