import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS_DIR } from '../../../src/db/migrator.js';
import { TicketRepository } from '../../../src/handoff/ticket.repository.js';
import { TicketRequests } from '../../../src/handoff/ticket-requests.js';
import { WebhookEventRecorder } from '../../../src/webhooks/webhook-events.service.js';
import { ReplyCollector } from '../../support/reply-collector.js';
import { DATABASE_URL } from '../../support/test-env.js';
import { api, createEndpoint, signatureHeaders, WEBHOOK_TEST_ENV, webhookReceiverFor } from '../webhooks/webhook-support.js';
import { eventually } from '../webhooks/webhook-receiver.js';
import { PgBouncerStack, sendOk, SERVER_CONNECTIONS } from './pgbouncer-stack.js';

const behind = new PgBouncerStack('pgbouncer', WEBHOOK_TEST_ENV);
const { stack } = behind;
const receiver = webhookReceiverFor(behind);

type PoolRow = { database: string };

/** `npm run <script>` with this file's database settings (PgBouncer, transaction mode, the direct URL). */
function runNpm(script: string, args: string[], extraEnv: Record<string, string> = {}) {
  const child = spawn('npm', ['run', '-s', script, '--', ...args], {
    env: {
      PATH: process.env.PATH ?? '',
      ENV_FILE: '/dev/null',
      DATABASE_URL: stack.env.DATABASE_URL!,
      DATABASE_SCHEMA: behind.schema,
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

const ticketEvents = async (conversationId: string) =>
  (
    await stack.database.pool.query(`SELECT 1 FROM webhook_events WHERE conversation_id = $1 AND type = 'ticket.requested'`, [
      conversationId,
    ])
  ).rowCount;

describe('behind PgBouncer in transaction mode', () => {
  it('ran every migration over the direct URL and reads its tables through the pooler', async () => {
    const journal = JSON.parse(readFileSync(path.join(MIGRATIONS_DIR, 'meta/_journal.json'), 'utf8')) as {
      entries: Array<{ tag: string }>;
    };
    const applied = await stack.database.pool.query<{ tag: string }>('SELECT tag FROM schema_migrations ORDER BY tag');
    expect(applied.rows.map((row) => row.tag)).toEqual(journal.entries.map((entry) => entry.tag).sort());
    const found = await stack.database.pool.query<{ schema: string }>('SELECT current_schema() AS schema');
    expect(found.rows[0]?.schema).toBe(behind.schema);
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

  it('hands off and asks for one ticket per handoff', async () => {
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
    expect(await ticketEvents(session.conversation.id)).toBe(1);
  });

  it('records one ticket when five workers ask for a new handoff at once (the advisory lock is a transaction lock)', async () => {
    const site = await stack.createSite();
    // The event is written only for a site with an endpoint that subscribes to it.
    await createEndpoint(stack, site.id, { url: `${receiver.url}/race`, events: ['ticket.requested'] });
    const { socket, session } = await stack.connectWidget(site);
    await sendOk(socket, 'My order never came');
    await stack.database.pool.query(`UPDATE conversations SET mode = 'waiting', waiting_since = now() WHERE id = $1`, [
      session.conversation.id,
    ]);
    // Five client connections over three server connections: the lock must hold within each transaction.
    const workers = behind.pooledDatabase('app', 5);
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
    expect(await ticketEvents(session.conversation.id)).toBe(1);
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
    const clients = (await behind.bouncer.admin<PoolRow>('SHOW CLIENTS')).filter((row) => row.database === 'app');
    const servers = (await behind.bouncer.admin<PoolRow>('SHOW SERVERS')).filter((row) => row.database === 'app');
    expect(clients.length).toBeGreaterThan(SERVER_CONNECTIONS);
    expect(servers.length).toBeLessThanOrEqual(SERVER_CONNECTIONS);
  }, 30_000);
});
