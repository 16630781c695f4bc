import { createMetricsRegistry } from './metrics-registry';

describe('createMetricsRegistry', () => {
  it('prefixes the default process metrics and says which build runs', async () => {
    const sut = createMetricsRegistry({ process: 'ingester', version: '1.2.3' });

    const text = await sut.metrics();

    expect(text).toContain('payload_tracker_process_resident_memory_bytes');
    expect(text).toContain('payload_tracker_nodejs_eventloop_lag_p99_seconds');
    expect(text).not.toMatch(/^process_cpu_seconds_total/m);
    expect(text).toMatch(
      new RegExp(
        `^payload_tracker_build_info\\{version="1\\.2\\.3",node_version="${process.version.replace(/\./g, '\\.')}",process="ingester"\\} 1$`,
        'm',
      ),
    );
  });

  it('gives each process its own registry', async () => {
    const first = createMetricsRegistry({ process: 'api', version: 'a' });
    const second = createMetricsRegistry({ process: 'api', version: 'b' });

    expect(await first.metrics()).not.toContain('version="b"');
    expect(await second.metrics()).toContain('version="b"');
  });
});
