import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { cruise, type IConfiguration, type ICruiseResult } from 'dependency-cruiser';
import { afterAll, describe, expect, it } from 'vitest';

const config = createRequire(import.meta.url)('../../../.dependency-cruiser.cjs') as IConfiguration;

describe('console boundary', () => {
  let tree: string | undefined;
  afterAll(async () => {
    if (tree) await rm(tree, { recursive: true, force: true });
  });

  it('lets the console import contracts and the widget Markdown renderer, and nothing else of the server', async () => {
    tree = await mkdtemp(path.join(tmpdir(), 'switchboard-console-boundary-'));
    const files: Record<string, string> = {
      'src/contracts/payloads.ts': 'export type Payload = { id: string };\n',
      'src/sites/site.repository.ts': 'export class SiteRepository {}\n',
      'widget/src/markdown/markdown-dom.ts': 'export const renderMarkdown = 1;\n',
      'widget/src/chat-widget.ts': 'export const widget = 1;\n',
      'console/src/ok.ts':
        "import type { Payload } from '../../src/contracts/payloads.js';\nimport { renderMarkdown } from '../../widget/src/markdown/markdown-dom.js';\nexport const x = (p: Payload) => [p, renderMarkdown];\n",
      'console/src/bad.ts':
        "import type { SiteRepository } from '../../src/sites/site.repository.js';\nimport { widget } from '../../widget/src/chat-widget.js';\nexport const y = (s: SiteRepository) => [s, widget];\n",
    };
    for (const [file, source] of Object.entries(files)) {
      await mkdir(path.dirname(path.join(tree, file)), { recursive: true });
      await writeFile(path.join(tree, file), source);
    }
    const result = await cruise(['console'], {
      ruleSet: { forbidden: config.forbidden },
      validate: true,
      baseDir: tree,
      tsPreCompilationDeps: true,
    });
    const found = (result.output as ICruiseResult).summary.violations.map((v) => `${v.rule.name}: ${v.from} -> ${v.to}`);
    expect(found.sort()).toEqual([
      'console-uses-contracts-only: console/src/bad.ts -> src/sites/site.repository.ts',
      'console-uses-contracts-only: console/src/bad.ts -> widget/src/chat-widget.ts',
    ]);
  });
});
