import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { markedLexerOnly } from './marked-lexer-only.js';

/** The embeddable widget, built once per process and held in memory. */
export interface WidgetBundle {
  code: Buffer;
  /** Pre-compressed once, so no request pays for gzip. */
  gzipped: Buffer;
  /** Strong validator: a hash of the code, so every server process of one release agrees on it. */
  etag: string;
}

const ENTRY = fileURLToPath(new URL('./src/main.ts', import.meta.url));

/** The widget loads on every page of every customer's site: above this (gzipped), the build fails. */
export const MAX_GZIPPED_BYTES = 40 * 1024;

export class WidgetBundleTooLargeError extends Error {
  override readonly name = 'WidgetBundleTooLargeError';
}

let cached: Promise<WidgetBundle> | undefined;

/** Starts the build on first call; later calls share it. A failed build is retried on the next call. */
export function widgetBundle(): Promise<WidgetBundle> {
  cached ??= buildWidgetBundle().catch((error: unknown) => {
    cached = undefined;
    throw error;
  });
  return cached;
}

/** One fresh build; throws `WidgetBundleTooLargeError` when the gzipped code is over `maxGzippedBytes`. */
export async function buildWidgetBundle(maxGzippedBytes: number = MAX_GZIPPED_BYTES): Promise<WidgetBundle> {
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
  if (!output) throw new Error('esbuild produced no widget bundle');
  const code = Buffer.from(output.contents);
  const gzipped = gzipSync(code, { level: 9 });
  if (gzipped.length > maxGzippedBytes) {
    throw new WidgetBundleTooLargeError(
      `widget bundle is ${gzipped.length} bytes gzipped, over the ${maxGzippedBytes}-byte budget`,
    );
  }
  const hash = createHash('sha256').update(code).digest('base64url').slice(0, 27);
  return { code, gzipped, etag: `"${hash}"` };
}
