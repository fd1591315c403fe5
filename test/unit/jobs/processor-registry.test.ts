import { describe, expect, it } from 'vitest';
import { JOB_QUEUES } from '../../../src/contracts/jobs.js';
import { assertEveryQueueHasProcessor } from '../../../src/jobs/processor-registry.js';

describe('start-up check of queue processors', () => {
  it('passes when every queue has exactly one processor', () => {
    expect(() => assertEveryQueueHasProcessor([...JOB_QUEUES])).not.toThrow();
  });

  it('refuses a queue without a processor, naming it', () => {
    expect(() => assertEveryQueueHasProcessor([])).toThrowError(/queue "reply" has no processor/);
  });

  it('refuses a processor for a queue that does not exist', () => {
    expect(() => assertEveryQueueHasProcessor([...JOB_QUEUES, 'replies'])).toThrowError(/unknown queue "replies"/);
  });
});
