import type { StatusMessage } from '@payload-tracker/status-lifecycle';

import type { DeadLetter } from '../dead-letter/dead-letter.publisher';
import type { PartitionBatch } from '../kafka/partition-batch';
import type { IngestionService, ParsedStatusBatch } from './ingestion.service';
import { StatusBatchConsumer } from './status-batch.consumer';

/** Records which part of the use case ran, with what. */
class FakeIngestion implements Pick<IngestionService, 'parse' | 'store' | 'deadLetter'> {
  readonly calls: string[] = [];

  constructor(private readonly parsed: ParsedStatusBatch) {}

  parse(batch: PartitionBatch): ParsedStatusBatch {
    this.calls.push(`parse ${batch.records.length}`);
    return this.parsed;
  }

  store(statuses: readonly StatusMessage[]): Promise<void> {
    this.calls.push(`store ${statuses.length}`);
    return Promise.resolve();
  }

  deadLetter(refused: readonly DeadLetter[]): Promise<void> {
    this.calls.push(`dead-letter ${refused.length}`);
    return Promise.resolve();
  }
}

function status(requestId: string): StatusMessage {
  return {
    requestId,
    service: 'ingress',
    status: 'received',
    source: null,
    date: 0n,
    account: null,
    orgId: null,
    inventoryId: null,
    systemId: null,
    statusMsg: null,
  };
}

const REFUSED: DeadLetter = {
  topic: 'statuses',
  partition: 0,
  offset: '3',
  key: null,
  value: Buffer.from('{'),
  headers: undefined,
  reason: 'invalid_json',
  detail: 'Unexpected end of JSON input',
};

describe('StatusBatchConsumer', () => {
  it('parses the batch once and returns the write and the dead-letter publish as separate steps', async () => {
    const parsed: ParsedStatusBatch = {
      accepted: [status('r'), status('s')],
      refused: [REFUSED],
    };
    const ingestion = new FakeIngestion(parsed);
    const sut = new StatusBatchConsumer(ingestion);
    const batch: PartitionBatch = { topic: 'statuses', partition: 0, records: [] };

    const steps = sut.handleBatch(batch);
    const parsedBeforeSteps = [...ingestion.calls];
    for (const step of steps) {
      await step.run();
    }
    // A retried step repeats only itself.
    await steps[1]?.run();

    expect(parsedBeforeSteps).toEqual(['parse 0']);
    expect(steps.map((step) => step.name)).toEqual(['write', 'dead-letter']);
    expect(ingestion.calls).toEqual(['parse 0', 'store 2', 'dead-letter 1', 'dead-letter 1']);
  });
});
