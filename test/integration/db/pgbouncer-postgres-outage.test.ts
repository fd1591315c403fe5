import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReplyCollector } from '../../support/reply-collector.js';
import { sendUntilAccepted } from '../../support/send-until-accepted.js';
import { PgBouncerStack } from './pgbouncer-stack.js';

const behind = new PgBouncerStack('pgbouncer_outage');
const { stack } = behind;

beforeAll(() => behind.start(), 30_000);
afterAll(() => behind.close());

describe('Postgres refusing PgBouncer', () => {
  it('answers UNAVAILABLE within a second, then works again', async () => {
    const site = await stack.createSite();
    const { socket } = await stack.connectWidget(site);
    const replies = new ReplyCollector(socket);
    // The recommended setting (docs/deploy.md): by default PgBouncer holds a query waiting for a server
    // connection 120 s. (server_login_retry = 1, the other one, is set by PgBouncerStack.)
    await behind.bouncer.reconfigure({ query_wait_timeout: 0.5 });
    await behind.cutPostgres();

    const started = Date.now();
    const refused = await socket.timeout(1000).emitWithAck('message:send', { clientMessageId: randomUUID(), text: 'hello?' });
    expect(Date.now() - started).toBeLessThan(1000);
    expect(refused).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });

    await behind.restorePostgres();
    const message = await sendUntilAccepted(socket, 'hello again');
    await replies.waitForEnd(message.id, 15_000);
  }, 30_000);
});
