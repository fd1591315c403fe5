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
  it('lets the widget and the console take types from any contract, values only from the zod-free ones', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'switchboard-browser-zod-'));
    try {
      const files: Record<string, string> = {
        'src/contracts/enums.ts': "export const modeSchema = { parse: () => 'bot' };\nexport type Mode = 'bot';\n",
        'src/contracts/enum-values.ts': "export const MODES = ['bot'] as const;\n",
        'src/contracts/rooms.ts': "export const WIDGET_NAMESPACE = '/widget';\n",
        'console/src/ok.ts':
          "import type { Mode } from '../../src/contracts/enums.js';\nimport { MODES } from '../../src/contracts/enum-values.js';\nexport const x = (m: Mode) => [m, MODES];\n",
        'console/src/bad.ts': "import { modeSchema } from '../../src/contracts/enums.js';\nexport const y = modeSchema;\n",
        'widget/src/ok.ts':
          "import { WIDGET_NAMESPACE } from '../../src/contracts/rooms.js';\nexport const z = WIDGET_NAMESPACE;\n",
        'widget/src/bad.ts': "import { modeSchema } from '../../src/contracts/enums.js';\nexport const w = modeSchema;\n",
      };
      for (const [file, source] of Object.entries(files)) {
        await mkdir(path.dirname(path.join(root, file)), { recursive: true });
        await writeFile(path.join(root, file), source);
      }
      const result = await cruise(['console', 'widget'], {
        ruleSet: { forbidden: config.forbidden },
        validate: true,
        baseDir: root,
        tsPreCompilationDeps: true,
      });
      const found = (result.output as ICruiseResult).summary.violations.map((v) => `${v.rule.name}: ${v.from} -> ${v.to}`);
      expect(found.sort()).toEqual([
        'browser-bundles-take-no-zod: console/src/bad.ts -> src/contracts/enums.ts',
        'browser-bundles-take-no-zod: widget/src/bad.ts -> src/contracts/enums.ts',
      ]);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
