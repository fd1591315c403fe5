import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebhookHttpSender } from '../../../src/webhooks/webhook-http-sender.js';
import { WebhookReceiver } from './webhook-receiver.js';

let receiver: WebhookReceiver;
beforeAll(async () => {
  receiver = await WebhookReceiver.start();
});
afterAll(() => receiver.close());

const options = { allowHttp: true, timeoutMs: 2000, maxResponseBytes: 4096 };

describe('webhook address policy', () => {
  it('with ALLOW_PRIVATE_WEBHOOKS off, loopback, private, link-local and metadata addresses are refused before connecting', async () => {
    const sender = new WebhookHttpSender({
      ...options,
      allowPrivate: false,
      // A public-looking name that resolves to an internal address is refused too.
      resolve: async (host) => (host === 'hooks.example.com' ? [{ address: '127.0.0.1', family: 4 }] : []),
    });
    const port = new URL(receiver.url).port;
    for (const url of [
      `${receiver.url}/private`,
      `http://hooks.example.com:${port}/private`,
      `http://[::1]:${port}/private`,
      `http://[::ffff:127.0.0.1]:${port}/private`,
      'http://169.254.169.254/latest/meta-data/',
      'http://10.1.2.3/hook',
      'http://192.168.1.10/hook',
      'http://[fd00:ec2::254]/hook',
    ]) {
      const result = await sender.send(url, {}, '{}');
      expect(result.refused, url).toBe(true);
      expect(result.statusCode).toBeUndefined();
      expect(result.error).toMatch(/private or reserved/);
    }
    // Every send above resolved without connecting: the receiver never saw one.
    expect(receiver.at('/private')).toHaveLength(0);
  });

  it('connects to the address that was checked, not to a second DNS answer (no rebinding)', async () => {
    let lookups = 0;
    const sender = new WebhookHttpSender({
      ...options,
      allowPrivate: true,
      // The first answer is the receiver; any later one would point elsewhere.
      resolve: async () => (lookups++ === 0 ? [{ address: '127.0.0.1', family: 4 }] : [{ address: '10.255.255.1', family: 4 }]),
    });
    const port = new URL(receiver.url).port;
    const result = await sender.send(`http://rebind.example.test:${port}/pinned`, {}, '{"a":1}');
    expect(result.statusCode).toBe(200);
    expect(lookups).toBe(1);
    const [request] = receiver.at('/pinned');
    expect(request!.headers.host).toBe(`rebind.example.test:${port}`);
  });

  it('https only unless http is allowed; a response body is read at most 4 KB; Retry-After is parsed', async () => {
    const strict = new WebhookHttpSender({ ...options, allowHttp: false, allowPrivate: true });
    expect((await strict.send(`${receiver.url}/x`, {}, '{}')).error).toMatch(/only https/);
    receiver.script('/big', { status: 429, headers: { 'retry-after': '7' }, body: 'y'.repeat(100_000) });
    const result = await new WebhookHttpSender({ ...options, allowPrivate: true }).send(`${receiver.url}/big`, {}, '{}');
    expect(result.statusCode).toBe(429);
    expect(result.retryAfterMs).toBe(7000);
    expect(result.responseExcerpt!.length).toBeLessThanOrEqual(4096);
  });
});
