import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServiceProcess, type ServiceProcess } from '../../support/child-process.js';
import { TestStack } from '../../support/test-app.js';
import { dropSchema, uniqueNamespace } from '../../support/test-env.js';

describe('the env file', () => {
  const stack = new TestStack({ label: 'env_file', startApp: false });
  const fromFile = uniqueNamespace('env_file_schema');
  let directory: string;
  let service: ServiceProcess | undefined;

  beforeAll(async () => {
    await stack.start();
    directory = await mkdtemp(path.join(tmpdir(), 'switchboard-env-'));
  });
  afterAll(async () => {
    await service?.stop();
    await rm(directory, { recursive: true, force: true });
    await dropSchema(fromFile.schema);
    await stack.close();
  });

  it('is read at start: its DATABASE_SCHEMA is used, and a variable set in the environment wins over it', async () => {
    const file = path.join(directory, '.env');
    await writeFile(file, `DATABASE_SCHEMA=${fromFile.schema}\nPORT=1\nLOG_LEVEL=info\n`);
    const { DATABASE_SCHEMA: _ignored, ...env } = stack.env;
    service = await startServiceProcess({ ...env, PORT: '0', ENV_FILE: file });
    expect(service.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(service.url).not.toMatch(/:1$/);
    const tables = await stack.database.pool.query(
      `SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = $1 AND table_name = 'messages'`,
      [fromFile.schema],
    );
    expect(tables.rows[0].n).toBe(1);
  });

  it('stops the start with a clear message when ENV_FILE names a file that is not there', async () => {
    await expect(startServiceProcess({ ...stack.env, ENV_FILE: path.join(directory, 'missing.env') })).rejects.toThrow(
      /Cannot read the env file .*missing\.env/,
    );
  });
});
