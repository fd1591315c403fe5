import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { markedLexerOnly } from '../widget/marked-lexer-only.js';
import { CONSOLE_STYLES } from './src/console-styles.js';

/** One built asset, held in memory, pre-compressed, with a strong ETag. */
export interface ConsoleAsset {
  code: Buffer;
  gzipped: Buffer;
  etag: string;
}

export interface ConsoleBundle {
  script: ConsoleAsset;
  styles: ConsoleAsset;
}

const ENTRY = fileURLToPath(new URL('./src/main.ts', import.meta.url));

/** The console's JavaScript budget (gzipped): above it the build fails, and `/console` with it. */
export const MAX_CONSOLE_GZIPPED_BYTES = 150 * 1024;

export class ConsoleBundleTooLargeError extends Error {
  override readonly name = 'ConsoleBundleTooLargeError';
}

let cached: Promise<ConsoleBundle> | undefined;

/** Starts the build on first call; later calls share it. A failed build is retried on the next call. */
export function consoleBundle(): Promise<ConsoleBundle> {
  cached ??= buildConsoleBundle().catch((error: unknown) => {
    cached = undefined;
    throw error;
  });
  return cached;
}

function asset(content: Buffer): ConsoleAsset {
  const hash = createHash('sha256').update(content).digest('base64url').slice(0, 27);
  return { code: content, gzipped: gzipSync(content, { level: 9 }), etag: `"${hash}"` };
}

/** One fresh build; throws `ConsoleBundleTooLargeError` when the gzipped script is over the budget. */
export async function buildConsoleBundle(maxGzippedBytes: number = MAX_CONSOLE_GZIPPED_BYTES): Promise<ConsoleBundle> {
  const result = await build({
    entryPoints: [ENTRY],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'es2020',
    minify: true,
    legalComments: 'none',
    charset: 'utf8',
    logLevel: 'silent',
    plugins: [markedLexerOnly],
  });
  const output = result.outputFiles[0];
  if (!output) throw new Error('esbuild produced no console bundle');
  const script = asset(Buffer.from(output.contents));
  if (script.gzipped.length > maxGzippedBytes) {
    throw new ConsoleBundleTooLargeError(
      `console bundle is ${script.gzipped.length} bytes gzipped, over the ${maxGzippedBytes}-byte budget`,
    );
  }
  return { script, styles: asset(Buffer.from(CONSOLE_STYLES)) };
}

/** The console's one HTML page: no inline script or style, so the CSP can forbid both. */
export function consolePage(lang: 'en' | 'zh'): string {
  return `<!doctype html>
<html lang="${lang === 'zh' ? 'zh-CN' : 'en'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Switchboard</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/console/console.css">
<script src="/console/console.js" defer></script>
</head>
<body><div id="app" aria-live="polite"></div></body>
</html>`;
}
