import { readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Plugin } from 'esbuild';

/**
 * engine.io-client registers three transports in one table (`transports/index.js`), so the WebTransport
 * client stays in every bundle although the widget and the console only ever ask for `websocket` and
 * `polling` (and our server does not offer WebTransport). This plugin drops that entry: about 0.9 KB
 * gzipped. Names missing from the table are filtered out by engine.io itself, so nothing else changes.
 * If a new engine.io-client no longer has that shape, the file is used whole (still correct).
 */
export const engineIoWithoutWebTransport: Plugin = {
  name: 'engine-io-without-webtransport',
  setup(build) {
    build.onLoad({ filter: /[\\/]engine\.io-client[\\/]build[\\/]esm[\\/]transports[\\/]index\.js$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      const importLine = /^import \{ WT \} from "\.\/webtransport\.js";\n/m;
      const entry = /^\s*webtransport: WT,\n/m;
      if (!importLine.test(source) || !entry.test(source)) return undefined;
      return { contents: source.replace(importLine, '').replace(entry, ''), loader: 'js', resolveDir: dirname(args.path) };
    });
  },
};
