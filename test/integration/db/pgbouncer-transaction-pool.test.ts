import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../src/app.js';
import { loadConfig } from '../../../src/config.js';
import { MessageRepository } from '../../../src/conversations/message.repository.js';
import { createDatabase } from '../../../src/db/client.js';
import { MIGRATIONS_DIR } from '../../../src/db/migrator.js';
import { TicketRepository } from '../../../src/handoff/ticket.repository.js';
import { TicketRequests } from '../../../src/handoff/ticket-requests.js';
import { WebhookEventRecorder } from '../../../src/webhooks/webhook-events.service.js';
import { OwnPgBouncer } from '../../support/own-pgbouncer.js';
import { ReplyCollector } from '../../support/reply-collector.js';
import { TcpProxy } from '../../support/tcp-proxy.js';
import { TestStack } from '../../support/test-app.js';
import { DATABASE_URL } from '../../support/test-env.js';
import { api, createEndpoint, signatureHeaders, WEBHOOK_TEST_ENV } from '../webhooks/webhook-support.js';
import { eventually, WebhookReceiver } from '../webhooks/webhook-receiver.js';

const SERVER_CONNECTIONS = 3;
const APP_POOL_SIZE = 10;

// Filled in once PgBouncer's port is known; TestStack reads it at start().
const env: Record<string, string> = {
  ...WEBHOOK_TEST_ENV,
  DATABASE_POOL_MODE: 'transaction',
  DATABASE_DIRECT_URL: DATABASE_URL,
  DATABASE_POOL_SIZE: String(APP_POOL_SIZE),
};
const stack = new TestStack({ label: 'pgbouncer', env });
const schema = stack.namespace.schema;
const upstream = new URL(DATABASE_URL);
// Between PgBouncer and Postgres, so the last test can make Postgres refuse connections.
const postgres = new TcpProxy({ host: upstream.hostname, port: Number(upstream.port || 5432) });
const bouncerOptions = {
  defaultPoolSize: SERVER_CONNECTIONS,
  // PgBouncer waits this long after a failed server login before it tries again (default 15 s).
  settings: { server_login_retry: 1 },
  databases: {
    // The install's search_path, set on every server connection (what a role default would do too).
    app: { dbname: upstream.pathname.slice(1), connectQuery: `SET search_path TO "${schema}"` },
    // One server connection: whatever two clients do, they do it on the same session.
    single: { dbname: upstream.pathname.slice(1), connectQuery: `SET search_path TO "${schema}"`, poolSize: 1 },
    // Nothing sets the search_path: the server's default.
    plain: { dbname: upstream.pathname.slice(1) },
  },
};
let bouncer: OwnPgBouncer;
let receiver: WebhookReceiver;
let postgresCut = false;

beforeAll(async () => {
  await postgres.start();
  bouncer = new OwnPgBouncer({
    ...bouncerOptions,
    upstream: { host: '127.0.0.1', port: postgres.port, user: decodeURIComponent(upstream.username) },
  });
  [receiver] = await Promise.all([WebhookReceiver.start(), bouncer.start()]);
  env.DATABASE_URL = bouncer.url('app');
  await stack.start();
}, 30_000);
afterAll(async () => {
  if (postgresCut) await postgres.start();
  await receiver?.close();
  await stack.close();
  await bouncer?.stop();
  await postgres.cut();
});

async function sendOk(socket: Awaited<ReturnType<typeof stack.connectWidget>>['socket'], text: string) {
  const ack = await socket.emitWithAck('message:send', { clientMessageId: randomUUID(), text });
  if (!ack.ok) throw new Error(`send refused: ${ack.error.code}`);
  return ack.message;
}

type PoolRow = { database: string };

/** `npm run <script>` with this file's database settings (PgBouncer, transaction mode, the direct URL). */
function runNpm(script: string, args: string[], extraEnv: Record<string, string> = {}) {
  const child = spawn('npm', ['run', '-s', script, '--', ...args], {
    env: {
      PATH: process.env.PATH ?? '',
      ENV_FILE: '/dev/null',
      DATABASE_URL: env.DATABASE_URL!,
      DATABASE_SCHEMA: schema,
      DATABASE_POOL_MODE: 'transaction',
      DATABASE_DIRECT_URL: DATABASE_URL,
      ...extraEnv,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (data: Buffer) => (output += data.toString()));
  child.stderr.on('data', (data: Buffer) => (output += data.toString()));
  return new Promise<{ code: number | null; output: string }>((resolve) =>
    child.once('exit', (code) => resolve({ code, output })),
  );
}

describe('behind PgBouncer in transaction mode', () => {
  it('ran every migration over the direct URL and reads its tables through the pooler', async () => {
    const journal = JSON.parse(readFileSync(path.join(MIGRATIONS_DIR, 'meta/_journal.json'), 'utf8')) as {
      entries: Array<{ tag: string }>;
    };
    const applied = await stack.database.pool.query<{ tag: string }>('SELECT tag FROM schema_migrations ORDER BY tag');
    expect(applied.rows.map((row) => row.tag)).toEqual(journal.entries.map((entry) => entry.tag).sort());
    const [{ schema: found }] = (await stack.database.pool.query<{ schema: string }>('SELECT current_schema() AS schema'))
      .rows as [{ schema: string }];
    expect(found).toBe(schema);
  });

  it('runs npm run migrate and npm run agent:create the same way', async () => {
    const site = await stack.createSite();
    const [migrated, created] = await Promise.all([
      runNpm('migrate', []),
      runNpm('agent:create', ['--email', `lin-${randomUUID()}@example.com`, '--name', 'Lin', '--site', site.widgetKey], {
        AGENT_PASSWORD: 'a-long-agent-password',
      }),
    ]);
    expect(migrated).toMatchObject({ code: 0, output: expect.stringContaining('Database is up to date.') });
    expect(created).toMatchObject({ code: 0, output: expect.stringContaining('Created agent Lin') });
  }, 30_000);

  it('answers a widget conversation with the bot and serves it over the REST API', async () => {
    const site = await stack.createSite();
    const { socket, session } = await stack.connectWidget(site);
    const widget = new ReplyCollector(socket);
    const question = await sendOk(socket, 'Where is my parcel?');
    const end = await widget.waitForEnd(question.id);
    expect(end.message).toMatchObject({ role: 'bot', seq: 2, inReplyTo: question.id });

    const response = await api(stack, 'GET', `/conversations/${session.conversation.id}/messages`);
    expect(response.status).toBe(200);
    expect(response.json.messages.map((message: { role: string; seq: number }) => [message.role, message.seq])).toEqual([
      ['customer', 1],
      ['bot', 2],
    ]);
  });

  it('hands off and asks for one ticket per handoff (its advisory lock is a transaction lock)', async () => {
    const site = await stack.createSite();
    const endpoint = await createEndpoint(stack, site.id, {
      url: `${receiver.url}/helpdesk`,
      events: ['conversation.handoff_requested', 'ticket.requested'],
    });
    const { socket, session } = await stack.connectWidget(site);
    const widget = new ReplyCollector(socket);
    await sendOk(socket, 'Can I talk to a real person?');
    await widget.waitFor(() => widget.modes.includes('waiting'));
    const received = await eventually(
      async () => receiver.at('/helpdesk'),
      (requests) => requests.length >= 2,
    );
    const types = received.map(
      (request) =>
        (new Webhook(endpoint.secret).verify(request.body, signatureHeaders(request.headers)) as { type: string }).type,
    );
    expect(types.sort()).toEqual(['conversation.handoff_requested', 'ticket.requested']);

    expect(
      (
        await stack.database.pool.query(`SELECT 1 FROM webhook_events WHERE conversation_id = $1 AND type = 'ticket.requested'`, [
          session.conversation.id,
        ])
      ).rowCount,
    ).toBe(1);
  });

  it('records one ticket when five workers ask for a new handoff at once over more clients than servers', async () => {
    const site = await stack.createSite();
    // The event is written only for a site with an endpoint that subscribes to it.
    await createEndpoint(stack, site.id, { url: `${receiver.url}/race`, events: ['ticket.requested'] });
    const { socket, session } = await stack.connectWidget(site);
    await sendOk(socket, 'My order never came');
    await stack.database.pool.query(`UPDATE conversations SET mode = 'waiting', waiting_since = now() WHERE id = $1`, [
      session.conversation.id,
    ]);
    // Five client connections over three server connections: the lock must hold within each transaction.
    const workers = createDatabase({ url: bouncer.url('app'), schema, poolSize: 5, poolMode: 'transaction' });
    try {
      const requests = Array.from(
        { length: 5 },
        () =>
          new TicketRequests({
            tickets: new TicketRepository(workers.db),
            outbox: new WebhookEventRecorder(workers.db, () => undefined),
          }),
      );
      const outcomes = await Promise.all(requests.map((tickets) => tickets.request(session.conversation.id, 'pickup_timeout')));
      expect(outcomes.filter(Boolean)).toHaveLength(1);
      expect(workers.pool.totalCount).toBeGreaterThan(SERVER_CONNECTIONS);
    } finally {
      await workers.close();
    }
    const tickets = await stack.database.pool.query(
      `SELECT 1 FROM webhook_events WHERE conversation_id = $1 AND type = 'ticket.requested'`,
      [session.conversation.id],
    );
    expect(tickets.rowCount).toBe(1);
  });

  it(`serves more concurrent work than its ${SERVER_CONNECTIONS} server connections`, async () => {
    const site = await stack.createSite();
    const widgets = await Promise.all(Array.from({ length: 6 }, () => stack.connectWidget(site)));
    const [asked, reads] = await Promise.all([
      Promise.all(
        widgets.map(async ({ socket }) => {
          const collector = new ReplyCollector(socket);
          const questions = await Promise.all([1, 2, 3].map((n) => sendOk(socket, `Question ${n} about my order`)));
          return { collector, questions };
        }),
      ),
      Promise.all(
        widgets.flatMap(({ session }) =>
          Array.from({ length: 5 }, () => api(stack, 'GET', `/conversations/${session.conversation.id}/messages`)),
        ),
      ),
    ]);
    expect(reads.map((read) => read.status)).toEqual(reads.map(() => 200));
    // Every question acked (stored) once with its own seq, and every one answered.
    for (const { collector, questions } of asked) {
      expect(new Set(questions.map((question) => question.seq)).size).toBe(3);
      await Promise.all(questions.map((question) => collector.waitForEnd(question.id, 20_000)));
    }

    // The app's pool opened more client connections than PgBouncer had server connections to share.
    const clients = (await bouncer.admin<PoolRow>('SHOW CLIENTS')).filter((row) => row.database === 'app');
    const servers = (await bouncer.admin<PoolRow>('SHOW SERVERS')).filter((row) => row.database === 'app');
    expect(clients.length).toBeGreaterThan(SERVER_CONNECTIONS);
    expect(servers.length).toBeLessThanOrEqual(SERVER_CONNECTIONS);
  }, 30_000);

  describe('what the session-mode path would break', () => {
    it('a search_path startup option is refused by PgBouncer', async () => {
      const sessionStyle = createDatabase({ url: bouncer.url('app'), schema, poolSize: 1 });
      try {
        await expect(sessionStyle.pool.query('SELECT 1')).rejects.toThrow(/unsupported startup parameter: options/);
      } finally {
        await sessionStyle.close();
      }
    });

    it('a named prepared statement collides on a shared server connection; the unnamed append does not', async () => {
      const site = await stack.createSite();
      const { session } = await stack.connectWidget(site);
      const conversationId = session.conversation.id;
      const shared = createDatabase({ url: bouncer.url('single'), schema, poolSize: 2, poolMode: 'transaction' });
      try {
        const append = (repository: MessageRepository) =>
          repository.append({ conversationId, role: 'customer', text: 'hello', clientMessageId: randomUUID() });
        const named = new MessageRepository(shared.db, undefined, { namedStatements: true });
        // Two client connections, one server session: the second prepares a name the first already did.
        const outcomes = await Promise.allSettled([append(named), append(named)]);
        const refused = outcomes.flatMap((outcome) => (outcome.status === 'rejected' ? [String(outcome.reason)] : []));
        expect(refused).toHaveLength(1);
        expect(refused[0]).toMatch(/prepared statement "sb_[0-9a-f]+" already exists/);

        const unnamed = new MessageRepository(shared.db, undefined, { namedStatements: shared.namedStatements });
        const stored = await Promise.all(Array.from({ length: 10 }, () => append(unnamed)));
        expect(new Set(stored.map((result) => result!.message.seq)).size).toBe(10);
      } finally {
        await shared.close();
      }
    });

    it('the app refuses to start when the pooled connections do not lead to its schema', async () => {
      const config = loadConfig({ ...stack.env, DATABASE_URL: bouncer.url('plain') });
      await expect(createApp(config)).rejects.toThrow(
        new RegExp(`search_path leads to "public", not DATABASE_SCHEMA "${schema}"`),
      );
    });
  });

  // Last: it takes Postgres away from PgBouncer.
  it('answers UNAVAILABLE within a second while Postgres refuses PgBouncer, then works again', async () => {
    const site = await stack.createSite();
    const { socket } = await stack.connectWidget(site);
    const replies = new ReplyCollector(socket);
    // The recommended setting (docs/deploy.md): PgBouncer's default keeps a query waiting for a server
    // connection 120 s. Set only here, so the load above never meets it on a busy machine.
    await bouncer.reconfigure({ query_wait_timeout: 0.5 });
    await postgres.cut();
    postgresCut = true;

    const started = Date.now();
    const refused = await socket.timeout(1000).emitWithAck('message:send', { clientMessageId: randomUUID(), text: 'hello?' });
    expect(Date.now() - started).toBeLessThan(1000);
    expect(refused).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });

    await postgres.start();
    postgresCut = false;
    const clientMessageId = randomUUID();
    let ack = await socket.emitWithAck('message:send', { clientMessageId, text: 'hello again' });
    for (let tries = 0; !ack.ok && tries < 100; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      ack = await socket.emitWithAck('message:send', { clientMessageId, text: 'hello again' });
    }
    if (!ack.ok) throw new Error(ack.error.code);
    await replies.waitForEnd(ack.message.id, 15_000);
  }, 30_000);
});
