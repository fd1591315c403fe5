import { readFile } from 'node:fs/promises';
import type { Plugin } from 'esbuild';

/**
 * The widget uses only `marked`'s lexer (tokens, built into DOM by the widget itself), but marked's
 * single minified module creates a default `Marked` instance at load, which keeps its HTML parser and
 * renderer alive and out of reach of tree-shaking. This plugin cuts the module just before that
 * instance and re-exports `Lexer` alone: about 3 KB gzipped less, and no HTML renderer in the bundle.
 * If a new marked version no longer has that shape, the file is used whole (still correct; the size
 * budget in widget-bundle.ts then says so).
 */
export const markedLexerOnly: Plugin = {
  name: 'marked-lexer-only',
  setup(build) {
    build.onLoad({ filter: /[\\/]marked[\\/]lib[\\/]marked\.esm\.js$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      const instance = /var \w+=new \w+;function \w+\(\w+,\w+\)\{return \w+\.parse\(/.exec(source);
      const lexer = /export\{[^}]*?\b(\w+) as Lexer\b/.exec(source);
      if (!instance || !lexer) return undefined;
      return { contents: `${source.slice(0, instance.index)}export{${lexer[1]} as Lexer};`, loader: 'js' };
    });
  },
};
