import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type pg from 'pg';
import { z } from 'zod';

const journalSchema = z.object({
  entries: z.array(z.object({ idx: z.number(), tag: z.string() })),
});

export const MIGRATIONS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../migrations');

/** Arbitrary but fixed: serialises concurrent migrators (several replicas starting at once). */
const MIGRATION_LOCK_ID = 4_242_017;

/**
 * Applies the SQL migrations drizzle-kit generated into `migrations/`, in journal order, each once.
 * drizzle-kit writes foreign keys as `"public"."table"`; they are rewritten to the target schema so a
 * database can hold several installs (and every test file its own schema).
 */
export async function migrate(pool: pg.Pool, schema: string, dir = MIGRATIONS_DIR): Promise<string[]> {
  const journal = journalSchema.parse(JSON.parse(await readFile(path.join(dir, 'meta/_journal.json'), 'utf8')));
  const client = await pool.connect();
  const applied: string[] = [];
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_ID]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
    await client.query(
      `CREATE TABLE IF NOT EXISTS "${schema}"."schema_migrations" (
         tag text PRIMARY KEY, hash text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`,
    );
    const done = await client.query<{ tag: string }>(`SELECT tag FROM "${schema}"."schema_migrations"`);
    const doneTags = new Set(done.rows.map((row) => row.tag));
    for (const entry of [...journal.entries].sort((a, b) => a.idx - b.idx)) {
      if (doneTags.has(entry.tag)) continue;
      const sql = await readFile(path.join(dir, `${entry.tag}.sql`), 'utf8');
      const statements = sql
        .replaceAll('"public".', `"${schema}".`)
        .split('--> statement-breakpoint')
        .map((statement) => statement.trim())
        .filter(Boolean);
      await client.query('BEGIN');
      try {
        await client.query(`SET LOCAL search_path TO "${schema}"`);
        for (const statement of statements) await client.query(statement);
        await client.query(`INSERT INTO "${schema}"."schema_migrations" (tag, hash) VALUES ($1, $2)`, [
          entry.tag,
          createHash('sha256').update(sql).digest('hex'),
        ]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw new Error(`Migration ${entry.tag} failed: ${(error as Error).message}`, { cause: error });
      }
      applied.push(entry.tag);
    }
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_ID]).catch(() => undefined);
    client.release();
  }
  return applied;
}
