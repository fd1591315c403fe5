import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../src/app.js';
import { loadConfig } from '../../../src/config.js';
import { MessageRepository } from '../../../src/conversations/message.repository.js';
import { createDatabase } from '../../../src/db/client.js';
import { PgBouncerStack } from './pgbouncer-stack.js';

/** What the direct-Postgres (session) path relies on, and how PgBouncer in transaction mode breaks it. */
const behind = new PgBouncerStack('pgbouncer_session');
const { stack } = behind;

beforeAll(() => behind.start(), 30_000);
afterAll(() => behind.close());

describe('session state behind PgBouncer in transaction mode', () => {
  it('a search_path startup option is refused by PgBouncer', async () => {
    const sessionStyle = createDatabase({ url: behind.bouncer.url('app'), schema: behind.schema, poolSize: 1 });
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
    const shared = behind.pooledDatabase('single', 2);
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
    const config = loadConfig({ ...stack.env, DATABASE_URL: behind.bouncer.url('plain') });
    await expect(createApp(config)).rejects.toThrow(
      new RegExp(`search_path leads to "public", not DATABASE_SCHEMA "${behind.schema}"`),
    );
  });
});
