import { LifecycleGenerator } from './lifecycle.generator';
import type { GeneratedMessage, GeneratedUpload } from './lifecycle.generator';
import { streamTraffic } from './stream-traffic';

const START = 1_795_860_000_000_000n;

function run(
  uploads: number,
  concurrentUploads: number,
): { messages: GeneratedMessage[]; generated: GeneratedUpload[] } {
  const generated: GeneratedUpload[] = [];
  const messages = [
    ...streamTraffic(new LifecycleGenerator({ seed: 3, malformedShare: 0.05 }), {
      uploads,
      concurrentUploads,
      seed: 3,
      startOf: (index) => START + BigInt(index) * 1000n,
      onUpload: (upload) => generated.push(upload),
    }),
  ];
  return { messages, generated };
}

describe('streamTraffic', () => {
  it('yields every message of every upload exactly once', () => {
    const { messages, generated } = run(300, 20);

    expect(generated).toHaveLength(300);
    expect(messages).toHaveLength(
      generated.reduce((sum, upload) => sum + upload.messages.length, 0),
    );
  });

  it('keeps the order of each upload while interleaving uploads', () => {
    const { messages, generated } = run(100, 10);

    for (const upload of generated) {
      expect(messages.filter((message) => message.key === upload.requestId)).toEqual(
        upload.messages,
      );
    }
    const keysInOrder = messages.map((message) => message.key);
    const firstUploadLast = keysInOrder.lastIndexOf(generated[0]?.requestId ?? '');
    const secondUploadFirst = keysInOrder.indexOf(generated[1]?.requestId ?? '');
    expect(secondUploadFirst).toBeLessThan(firstUploadLast);
  });

  it('sends uploads one after the other with a window of one', () => {
    const { messages, generated } = run(20, 1);

    expect(messages).toEqual(generated.flatMap((upload) => upload.messages));
  });

  it('yields nothing for zero uploads', () => {
    expect(run(0, 10).messages).toEqual([]);
  });
});
