import { Logger } from '@nestjs/common';
import type { CustomTransportStrategy, KafkaOptions } from '@nestjs/microservices';
import { ServerKafka } from '@nestjs/microservices';
import type { Consumer, EachBatchPayload } from '@nestjs/microservices/external/kafka.interface';
import { isObservable, lastValueFrom } from 'rxjs';

import type { ConsumerMembershipService } from './consumer-membership.service';
import { KafkaBatchContext } from './kafka-batch.context';
import type { BatchStep, PartitionBatch } from './partition-batch';
import { isBatchStepList } from './partition-batch';
import type { PartitionBatchRunner } from './partition-batch.runner';

/** What {@link BatchKafkaServer} needs besides the stock Kafka transport options. */
export interface BatchKafkaServerOptions {
  kafka: Omit<NonNullable<KafkaOptions['options']>, 'postfixId' | 'producerOnlyMode'>;
  /** Topic to subscribe for each `@EventPattern` (patterns not listed subscribe their own name). */
  topics: Readonly<Record<string, string>>;
  membership: ConsumerMembershipService;
  /**
   * Retries, pauses, heartbeats and commits around each handler call. Asked for at the first
   * batch: the runner lives in Nest's container, which exists only after the
   * transport was handed to `NestFactory.createMicroservice`.
   */
  runner: () => PartitionBatchRunner;
  /**
   * kafkajs crashed the consumer and will not restart it (a non-retriable error): called once,
   * after kafkajs has disconnected it. Without it the process would stay up consuming nothing.
   */
  onFatalCrash?: (error: Error) => void;
}

/**
 * The stock Kafka transport with one difference: a handler registered with `@EventPattern`
 * receives a whole Kafka batch of one partition (a {@link PartitionBatch}: topic, partition,
 * records) instead of one message, and never sees Kafka's machinery. The
 * {@link PartitionBatchRunner} calls it, retries it (or the steps it returns) on failure, and
 * commits the offset after the batch only once it has succeeded (`autoCommit: false`,
 * `eachBatchAutoResolve: false`), so a batch is committed only after its database transaction.
 *
 * The group and client ids are used exactly as configured (no `-server` postfix), and no reply
 * producer is created: this transport only consumes events.
 */
export class BatchKafkaServer extends ServerKafka implements CustomTransportStrategy {
  private readonly topics: Readonly<Record<string, string>>;
  private readonly membership: ConsumerMembershipService;
  private readonly resolveRunner: () => PartitionBatchRunner;
  private readonly onFatalCrash: ((error: Error) => void) | undefined;
  private runner: PartitionBatchRunner | undefined;

  constructor(options: BatchKafkaServerOptions) {
    super({ ...options.kafka, postfixId: '' });
    this.logger = new Logger(BatchKafkaServer.name);
    this.topics = options.topics;
    this.membership = options.membership;
    this.resolveRunner = options.runner;
    this.onFatalCrash = options.onFatalCrash;
  }

  override async start(callback: () => void): Promise<void> {
    if (this.client === null) {
      throw new Error('BatchKafkaServer: start() called before listen() created the client');
    }
    // Only the consumer: dead letters have their own producer (DeadLetterPublisher).
    this.consumer = this.client.consumer({ ...this.options.consumer, groupId: this.groupId });
    this.registerConsumerEventListeners();
    await this.consumer.connect();
    await this.bindEvents(this.consumer);
    callback();
  }

  protected override registerConsumerEventListeners(): void {
    super.registerConsumerEventListeners();
    const consumer = this.consumer;
    if (consumer === null) {
      return;
    }
    consumer.on(consumer.events.GROUP_JOIN, (event) => {
      const assignment = event.payload.memberAssignment;
      this.membership.markJoined(assignment);
      this.logger.log({ msg: 'partitions assigned', groupId: this.groupId, assignment });
    });
    for (const event of [
      consumer.events.REBALANCING,
      consumer.events.STOP,
      consumer.events.CRASH,
    ]) {
      consumer.on(event, () => this.membership.markLeft());
    }
    consumer.on(consumer.events.DISCONNECT, () => this.membership.markLeft());
    consumer.on(consumer.events.CRASH, (event) => {
      const { error, restart } = event.payload;
      if (restart) {
        // kafkajs rejoins by itself (a broker restart): readiness says not joined meanwhile.
        this.logger.warn({ msg: 'consumer crashed; kafkajs restarts it', error: error.message });
        return;
      }
      this.logger.error({ msg: 'consumer crashed for good', error: error.message });
      this.onFatalCrash?.(error);
    });
  }

  override async bindEvents(consumer: Consumer): Promise<void> {
    const patternByTopic = new Map(
      [...this.messageHandlers.keys()].map((pattern) => [this.topics[pattern] ?? pattern, pattern]),
    );
    if (patternByTopic.size === 0) {
      throw new Error('BatchKafkaServer: no @EventPattern handler is registered');
    }
    await consumer.subscribe({ ...this.options.subscribe, topics: [...patternByTopic.keys()] });
    this.logger.log({
      msg: 'subscribed',
      groupId: this.groupId,
      topics: [...patternByTopic.keys()],
    });
    await consumer.run({
      ...this.options.run,
      autoCommit: false,
      eachBatchAutoResolve: false,
      eachBatch: (payload) => this.dispatch(payload, patternByTopic),
    });
  }

  private async dispatch(
    payload: EachBatchPayload,
    patternByTopic: ReadonlyMap<string, string>,
  ): Promise<void> {
    const { topic, partition } = payload.batch;
    const pattern = patternByTopic.get(topic);
    const handler = pattern === undefined ? null : this.getHandlerByPattern(pattern);
    if (handler === null) {
      // Throwing leaves the batch unresolved: kafkajs fetches it again rather than skip it.
      throw new Error(`BatchKafkaServer: no handler for topic ${topic}`);
    }
    this.runner ??= this.resolveRunner();
    const context = new KafkaBatchContext([topic, partition]);
    await this.runner.run(payload, async (batch: PartitionBatch) => {
      const returned: unknown = await handler(batch, context);
      // Nest turns a handler's exception into an erroring observable: rethrow it here.
      const result: unknown = isObservable(returned)
        ? await lastValueFrom(returned, { defaultValue: undefined })
        : returned;
      return stepsOf(result);
    });
  }
}

function stepsOf(result: unknown): readonly BatchStep[] | undefined {
  if (result === undefined || isBatchStepList(result)) {
    return result;
  }
  throw new Error('BatchKafkaServer: a batch handler must resolve with nothing or with steps');
}
