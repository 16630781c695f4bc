import type { LocalStackState } from './stack-state';
import { settingsBlock } from './up-command';

const state: LocalStackState = {
  pid: 42,
  dataDir: '/work/.local-stack',
  startedAt: '2026-12-01T00:00:00.000Z',
  databaseUrl: 'postgres://payload_tracker:secret@127.0.0.1:5433/payload_tracker',
  kafkaBrokers: ['127.0.0.1:9093'],
  topic: 'platform.payload-status',
  dlqTopic: 'platform.payload-status.dlq',
  processes: {},
  apiUrl: 'http://127.0.0.1:8081',
  ports: { postgres: 5433, kafka: 9093, api: 8081, apiMetrics: 9002, ingesterMetrics: 9003 },
};

describe('settingsBlock', () => {
  it('starts with the console and names every address and a produce command for this stack', () => {
    const lines = settingsBlock(state, false)
      .split('\n')
      .filter((line) => line.startsWith('  '));
    expect(lines.map((line) => line.trim().split(/\s{2,}/))).toEqual([
      ['Console', 'http://127.0.0.1:8081/'],
      ['API', 'http://127.0.0.1:8081/api/v1/payloads'],
      ['OpenAPI UI', 'http://127.0.0.1:8081/api/docs'],
      ['Metrics', 'api http://127.0.0.1:9002/metrics, ingester http://127.0.0.1:9003/metrics'],
      ['DATABASE_URL', state.databaseUrl],
      ['KAFKA_BROKERS', '127.0.0.1:9093'],
      ['Topics', 'platform.payload-status, platform.payload-status.dlq'],
      ['Produce', 'KAFKA_BROKERS=127.0.0.1:9093 npm run produce -- --uploads 100 --rate 200'],
      ['Dead letters', 'KAFKA_BROKERS=127.0.0.1:9093 npm run dlq'],
      ['Data', '/work/.local-stack (kept across restarts; --fresh starts empty)'],
    ]);
  });

  it('leaves the app addresses out without the apps', () => {
    const block = settingsBlock({ ...state, apiUrl: undefined }, true);
    expect(block).not.toContain('Console');
    expect(block).toContain('/work/.local-stack (started empty; --fresh starts empty)');
  });
});
