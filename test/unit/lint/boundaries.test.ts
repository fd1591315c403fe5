import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { cruise, type IConfiguration, type ICruiseResult } from 'dependency-cruiser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The folder rules of `.dependency-cruiser.cjs` (what `npm run lint:boundaries` checks in CI), run on
 * small trees with one planted import each: every rule must catch its own violation.
 */
const config = createRequire(import.meta.url)('../../../.dependency-cruiser.cjs') as IConfiguration;

describe('folder boundaries', () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'switchboard-boundaries-'));
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  async function violations(files: Record<string, string>): Promise<string[]> {
    const tree = await mkdtemp(path.join(root, 'tree-'));
    // The real packages, so an import of drizzle or ioredis resolves as it does in the project.
    await symlink(path.resolve('node_modules'), path.join(tree, 'node_modules'), 'dir');
    for (const [file, source] of Object.entries(files)) {
      await mkdir(path.dirname(path.join(tree, file)), { recursive: true });
      await writeFile(path.join(tree, file), source);
    }
    const result = await cruise(['src'], {
      ruleSet: { forbidden: config.forbidden },
      validate: true,
      baseDir: tree,
      tsPreCompilationDeps: true,
      doNotFollow: { path: 'node_modules' },
    });
    const output = result.output as ICruiseResult;
    return output.summary.violations.map((violation) => `${violation.rule.name}: ${violation.from} -> ${violation.to}`);
  }

  it('accepts a tree that keeps the rules', async () => {
    expect(
      await violations({
        'src/contracts/payloads.ts': 'export type Payload = { id: string };\n',
        'src/conversations/conversation.service.ts':
          "import type { Payload } from '../contracts/payloads.js';\nexport const use = (p: Payload) => p;\n",
      }),
    ).toEqual([]);
  });

  it('catches the filter library importing the gateway', async () => {
    const found = await violations({
      'src/gateway/http-listen.ts': 'export const listen = 1;\n',
      'src/filter/index.ts': "import { listen } from '../gateway/http-listen.js';\nexport const x = listen;\n",
    });
    expect(found).toContain('filter-is-self-contained: src/filter/index.ts -> src/gateway/http-listen.ts');
    expect(found).toContain('lower-layers-do-not-import-higher: src/filter/index.ts -> src/gateway/http-listen.ts');
  });

  it('catches a type-only import cycle', async () => {
    const found = await violations({
      'src/filter/a.ts': "import type { B } from './b.js';\nexport type A = { b?: B };\n",
      'src/filter/b.ts': "import type { A } from './a.js';\nexport type B = { a?: A };\n",
    });
    expect(found.some((violation) => violation.startsWith('no-cycles: src/filter/a.ts'))).toBe(true);
  });

  it("catches a domain reaching into another domain's repository", async () => {
    const found = await violations({
      'src/sites/visitor.repository.ts': 'export class VisitorRepository {}\n',
      'src/conversations/conversation.service.ts':
        "import type { VisitorRepository } from '../sites/visitor.repository.js';\nexport type Deps = { visitors: VisitorRepository };\n",
    });
    expect(found).toEqual([
      'no-foreign-repositories: src/conversations/conversation.service.ts -> src/sites/visitor.repository.ts',
    ]);
  });

  it('catches a domain importing transport, and contracts importing anything but contracts', async () => {
    const found = await violations({
      'src/jobs/reply-queue.ts': 'export class ReplyQueue {}\n',
      'src/bot/reply.service.ts': "import { ReplyQueue } from '../jobs/reply-queue.js';\nexport const q = ReplyQueue;\n",
      'src/errors/app-error.ts': 'export class AppError {}\n',
      'src/contracts/payloads.ts': "import { AppError } from '../errors/app-error.js';\nexport const e = AppError;\n",
    });
    expect(found).toContain('domains-below-transport: src/bot/reply.service.ts -> src/jobs/reply-queue.ts');
    expect(found).toContain('contracts-stand-alone: src/contracts/payloads.ts -> src/errors/app-error.ts');
  });

  it('catches the composition root imported from below', async () => {
    const found = await violations({
      'src/app.ts': 'export const createApp = 1;\n',
      'src/gateway/http-app.ts': "import { createApp } from '../app.js';\nexport const x = createApp;\n",
    });
    expect(found).toEqual(['nothing-imports-the-composition-root: src/gateway/http-app.ts -> src/app.ts']);
  });

  it('catches drizzle or ioredis outside repositories and adapters, and allows them in a repository', async () => {
    const found = await violations({
      'src/llm/cache.ts': "import { Redis } from 'ioredis';\nexport const make = () => new Redis();\n",
      'src/bot/reply.service.ts': "import { eq } from 'drizzle-orm';\nexport const where = eq;\n",
      'src/bot/reply-cache.repository.ts': "import { Redis } from 'ioredis';\nexport const make = () => new Redis();\n",
    });
    expect(
      found
        .filter((violation) => violation.startsWith('infrastructure-stays-in-adapters:'))
        .map((violation) => violation.split(' -> ')[0]),
    ).toEqual([
      'infrastructure-stays-in-adapters: src/bot/reply.service.ts',
      'infrastructure-stays-in-adapters: src/llm/cache.ts',
    ]);
  });
});
