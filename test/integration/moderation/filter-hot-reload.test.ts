import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServiceProcess, type ServiceProcess } from '../../support/child-process.js';
import type { WidgetClient } from '../../support/test-app.js';
import { TestStack } from '../../support/test-app.js';
import { addWord, api, sendOk } from './filter-support.js';

describe('word-list hot reload across processes', () => {
  // Polling sends many messages from one visitor; the limit is not what this test is about.
  const stack = new TestStack({ label: 'filter_reload', env: { RATE_LIMIT_VISITOR_PER_MINUTE: '10000' } });
  let other: ServiceProcess;
  beforeAll(async () => {
    await stack.start();
    other = await startServiceProcess({ ...stack.env, LOG_LEVEL: 'warn' });
  }, 60_000);
  afterAll(async () => {
    await other?.stop();
    await stack.close();
  });

  /** Sends `text` through the other process until the stored text satisfies `done`; returns the ms it took. */
  async function pollUntil(socket: WidgetClient, text: string, done: (stored: string) => boolean, since: number) {
    for (;;) {
      const stored = (await sendOk(socket, text)).text;
      if (done(stored)) return Date.now() - since;
      if (Date.now() - since > 5000) throw new Error(`still "${stored}" after 5 s`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  it('a word added over REST on one process is masked by another process within one second', async () => {
    const site = await stack.createSite();
    const { socket } = await stack.connectWidget(site, { url: other.url! });
    // Warm the other process's engine for this site, so the change has to reach a cached engine, and
    // this process's word-list route, so the timing measures propagation rather than a cold first call.
    expect((await sendOk(socket, 'zebraword here')).text).toBe('zebraword here');
    expect((await api(stack, 'GET', `/sites/${site.id}/words`)).status).toBe(200);

    const started = Date.now();
    const added = await addWord(stack, site.id, 'zebraword', 'custom');
    const siteWordMs = await pollUntil(socket, 'zebraword here', (stored) => stored === '********* here', started);

    const defaultStarted = Date.now();
    const shared = await addWord(stack, 'default', 'yakword', 'profanity');
    const defaultWordMs = await pollUntil(socket, 'yakword here', (stored) => stored === '******* here', defaultStarted);

    const removeStarted = Date.now();
    expect((await api(stack, 'DELETE', `/sites/${site.id}/words/${added.id}`)).status).toBe(204);
    const removeMs = await pollUntil(socket, 'zebraword here', (stored) => stored === 'zebraword here', removeStarted);
    expect((await api(stack, 'DELETE', `/sites/default/words/${shared.id}`)).status).toBe(204);

    console.log(
      `hot reload (REST change -> other process masks): site word ${siteWordMs} ms, default list ${defaultWordMs} ms, delete ${removeMs} ms`,
    );
    expect(siteWordMs).toBeLessThan(1000);
    expect(defaultWordMs).toBeLessThan(1000);
    expect(removeMs).toBeLessThan(1000);
  });

  it('a policy change over REST reaches the other process too', async () => {
    const site = await stack.createSite();
    await addWord(stack, site.id, 'quokkaword', 'custom');
    const { socket } = await stack.connectWidget(site, { url: other.url! });
    expect((await sendOk(socket, 'quokkaword')).text).toBe('**********');

    const started = Date.now();
    const put = await api(stack, 'PUT', `/sites/${site.id}/filter-policy`, { actions: { custom: 'flag' } });
    expect(put.status).toBe(200);
    const ms = await pollUntil(socket, 'quokkaword', (stored) => stored === 'quokkaword', started);
    expect(ms).toBeLessThan(1000);
  });
});
