import { localStackDir, type LocalStackState } from './stack-state';
import { settingsBlock } from './up-command';

const state: LocalStackState = {
  pid: 42,
  dataDir: localStackDir({}),
  startedAt: '2026-12-01T00:00:00.000Z',
  databaseUrl: 'postgres://payload_tracker:secret@127.0.0.1:5433/payload_tracker',
  kafkaBrokers: ['127.0.0.1:9093'],
  kafkaSasl: { mechanism: 'plain', username: 'payload-tracker', password: 'k4fka-secret' },
  topic: 'platform.payload-status',
  dlqTopic: 'platform.payload-status.dlq',
  processes: {},
  apiUrl: 'http://127.0.0.1:8081',
  ports: { postgres: 5433, kafka: 9093, api: 8081, apiMetrics: 9002, ingesterMetrics: 9003 },
};

const rowsOf = (block: string): string[][] =>
  block
    .split('\n')
    .filter((line) => line.startsWith('  '))
    .map((line) => line.trim().split(/\s{2,}/));

describe('settingsBlock', () => {
  it('starts with the console and names every address, the credentials and the tools', () => {
    expect(rowsOf(settingsBlock(state, false))).toEqual([
      ['Console', 'http://127.0.0.1:8081/console/'],
      ['API', 'http://127.0.0.1:8081/api/v1/payloads'],
      ['OpenAPI UI', 'http://127.0.0.1:8081/api/docs'],
      ['Metrics', 'api http://127.0.0.1:9002/metrics, ingester http://127.0.0.1:9003/metrics'],
      ['DATABASE_URL', state.databaseUrl],
      ['KAFKA_BROKERS', '127.0.0.1:9093'],
      ['KAFKA_SASL_MECHANISM', 'plain'],
      ['KAFKA_SASL_USERNAME', 'payload-tracker'],
      ['KAFKA_SASL_PASSWORD', 'k4fka-secret'],
      ['Topics', 'platform.payload-status, platform.payload-status.dlq'],
      ['Produce', 'npm run produce -- --uploads 100 --rate 200'],
      ['Dead letters', 'npm run dlq'],
      ['Data', `${state.dataDir} (kept across restarts; --fresh starts empty)`],
    ]);
  });

  it('points the tools at a folder other than the default', () => {
    const rows = rowsOf(settingsBlock({ ...state, dataDir: '/tmp/other-stack' }, false));
    expect(rows).toContainEqual([
      'Produce',
      'LOCAL_STACK_DIR=/tmp/other-stack npm run produce -- --uploads 100 --rate 200',
    ]);
    expect(rows).toContainEqual(['Dead letters', 'LOCAL_STACK_DIR=/tmp/other-stack npm run dlq']);
  });

  it('leaves the app addresses out without the apps', () => {
    const block = settingsBlock({ ...state, apiUrl: undefined }, true);
    expect(block).not.toContain('Console');
    expect(block).toContain(`${state.dataDir} (started empty; --fresh starts empty)`);
  });
});
