import { PayloadEventStreams } from './payload-event-streams';

const stream = (payloadId: string, name: string) => ({ payloadId, name });

describe('PayloadEventStreams', () => {
  it('finds the streams of the payloads named, each once', () => {
    const sut = new PayloadEventStreams<ReturnType<typeof stream>>();
    const [a1, a2, b] = [stream('1', 'a1'), stream('1', 'a2'), stream('2', 'b')];
    sut.add(a1);
    sut.add(a2);
    sut.add(b);
    sut.add(b);
    expect(sut.size).toBe(3);
    expect(sut.streamsOf(['1', '3', '1']).map((s) => s.name)).toEqual(['a1', 'a2']);
    expect(sut.streamsOf(['2']).map((s) => s.name)).toEqual(['b']);
    expect(sut.streamsOf([])).toEqual([]);
    expect(sut.all().map((s) => s.name)).toEqual(['a1', 'a2', 'b']);
  });

  it('forgets a deleted stream, and the payload with its last one', () => {
    const sut = new PayloadEventStreams<ReturnType<typeof stream>>();
    const [a1, a2] = [stream('1', 'a1'), stream('1', 'a2')];
    sut.add(a1);
    sut.add(a2);
    expect(sut.delete(a1)).toBe(true);
    expect(sut.delete(a1)).toBe(false);
    expect(sut.streamsOf(['1'])).toEqual([a2]);
    expect(sut.delete(a2)).toBe(true);
    expect(sut.size).toBe(0);
    expect(sut.streamsOf(['1'])).toEqual([]);
    expect(sut.all()).toEqual([]);
  });
});
