import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { engineIoWithoutWebTransport } from './engine-io-without-webtransport.js';
import { minifiedCss } from './minified-css.js';

/** One built asset, held in memory: pre-compressed once, with a strong ETag (a hash of the content). */
export interface BuiltAsset {
  code: Buffer;
  gzipped: Buffer;
  /** The same on every server process of one release. */
  etag: string;
}

export function builtAsset(code: Buffer): BuiltAsset {
  const hash = createHash('sha256').update(code).digest('base64url').slice(0, 27);
  return { code, gzipped: gzipSync(code, { level: 9 }), etag: `"${hash}"` };
}

/**
 * Bundles a browser entry (the widget, the console) the one way both are shipped: one minified IIFE
 * for current browsers (ES2022: Chrome 94, Firefox 93, Safari 16.4 and later, so class fields, `??=`
 * and the like ship as written), engine.io without WebTransport, CSS imported as minified text. `name` is only for the error messages.
 */
export async function bundleBrowserEntry(
  entry: string,
  name: string,
  maxGzippedBytes: number,
  tooLarge: new (message: string) => Error,
) {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    legalComments: 'none',
    charset: 'utf8',
    logLevel: 'silent',
    plugins: [engineIoWithoutWebTransport, minifiedCss],
  });
  const output = result.outputFiles[0];
  if (!output) throw new Error(`esbuild produced no ${name} bundle`);
  const asset = builtAsset(Buffer.from(output.contents));
  if (asset.gzipped.length > maxGzippedBytes) {
    throw new tooLarge(`${name} bundle is ${asset.gzipped.length} bytes gzipped, over the ${maxGzippedBytes}-byte budget`);
  }
  return asset;
}

/** Runs `make` on the first call and shares its result; a failure is retried on the next call. */
export function sharedOnce<T>(make: () => Promise<T>): () => Promise<T> {
  let cached: Promise<T> | undefined;
  return () =>
    (cached ??= make().catch((error: unknown) => {
      cached = undefined;
      throw error;
    }));
}
