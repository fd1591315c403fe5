import { describe, expect, it } from 'vitest';
import { isPublicAddress } from '../../../src/webhooks/address-policy.js';
import { serializeWithinCap } from '../../../src/webhooks/payload-cap.js';
import { nextAttemptDelayMs } from '../../../src/webhooks/retry-schedule.js';

describe('address policy', () => {
  it('refuses internal addresses and allows public ones', () => {
    for (const address of [
      '127.0.0.1',
      '10.0.0.1',
      '172.16.5.4',
      '192.168.0.1',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
      '::1',
      '::',
      'fe80::1',
      'fd00:ec2::254',
      '::ffff:10.0.0.1',
      '::ffff:7f00:1',
      '224.0.0.1',
    ]) {
      expect(isPublicAddress(address), address).toBe(false);
    }
    for (const address of ['8.8.8.8', '1.1.1.1', '2606:4700:4700::1111', '::ffff:8.8.8.8'])
      expect(isPublicAddress(address), address).toBe(true);
    expect(isPublicAddress('not-an-ip')).toBe(false);
  });
});

describe('retry schedule', () => {
  const schedule = [0, 5000, 300_000];
  it('follows the schedule with up to ±10 % jitter, then gives up', () => {
    expect(nextAttemptDelayMs(schedule, 1, undefined, () => 0)).toBe(4500);
    expect(nextAttemptDelayMs(schedule, 1, undefined, () => 1)).toBe(5500);
    expect(nextAttemptDelayMs(schedule, 2, undefined, () => 0.5)).toBe(300_000);
    expect(nextAttemptDelayMs(schedule, 3)).toBeUndefined();
  });
  it('honours a longer Retry-After, capped at a day', () => {
    expect(nextAttemptDelayMs(schedule, 1, 60_000, () => 0.5)).toBe(60_000);
    expect(nextAttemptDelayMs(schedule, 1, 1000, () => 0.5)).toBe(5000);
    expect(nextAttemptDelayMs(schedule, 1, 10 * 86_400_000, () => 0.5)).toBe(86_400_000);
  });
});

describe('payload cap', () => {
  const link = (id: string) => `https://chat.example/api/v1/conversations/${id}/messages`;
  it('cuts the oldest transcript messages until the body fits, and says where the rest is; the same cut every time', () => {
    const messages = Array.from({ length: 200 }, (_, seq) => ({ seq, text: 'x'.repeat(100) }));
    const envelope = { conversationId: 'c1', data: { transcript: { messages, truncated: false } } };
    const body = serializeWithinCap(envelope, 5000, link);
    expect(Buffer.byteLength(body)).toBeLessThanOrEqual(5000);
    const parsed = JSON.parse(body);
    expect(parsed.data.transcript).toMatchObject({ truncated: true, url: link('c1') });
    expect(parsed.data.transcript.omitted + parsed.data.transcript.messages.length).toBe(200);
    expect(parsed.data.transcript.messages.at(-1).seq).toBe(199);
    expect(serializeWithinCap(envelope, 5000, link)).toBe(body);
    expect(serializeWithinCap(envelope, 1_000_000, link)).toBe(JSON.stringify(envelope));
  });
});
