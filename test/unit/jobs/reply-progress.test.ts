import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { throttledReplyProgress, type ReplyJobProgress } from '../../../src/jobs/reply-progress.js';

const logger = pino({ level: 'silent' });

function recorder() {
  const written: string[] = [];
  const job = {
    id: 'reply-1',
    updateProgress: async (progress: unknown) => {
      written.push((progress as ReplyJobProgress).text);
    },
  };
  return { job, written };
}

describe('throttledReplyProgress', () => {
  it('writes the first text at once, then at most once per interval with the latest text', () => {
    const { job, written } = recorder();
    let now = 1000;
    const record = throttledReplyProgress(job, logger, 400, () => now);
    record('Hi');
    for (const text of ['Hi the', 'Hi there', 'Hi there,']) {
      now += 100;
      record(text);
    }
    expect(written).toEqual(['Hi']);
    now += 100;
    record('Hi there, how');
    expect(written).toEqual(['Hi', 'Hi there, how']);
  });

  it('writes at once when the text got shorter (the stream restarted)', () => {
    const { job, written } = recorder();
    let now = 0;
    const record = throttledReplyProgress(job, logger, 400, () => now);
    record('First try');
    now += 10;
    record('');
    now += 10;
    record('Second');
    expect(written).toEqual(['First try', '']);
  });
});
