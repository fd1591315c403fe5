import { readFile } from 'node:fs/promises';
import { transform, type Plugin } from 'esbuild';

/** `import css from './x.css'` gives the stylesheet as a string, minified (the shadow root's `<style>`). */
export const minifiedCss: Plugin = {
  name: 'minified-css',
  setup(build) {
    build.onLoad({ filter: /\.css$/ }, async (args) => {
      const { code } = await transform(await readFile(args.path, 'utf8'), { loader: 'css', minify: true });
      return { contents: code, loader: 'text' };
    });
  },
};
