import { describe, expect, it } from 'vitest';
import {
  buildConsoleBundle,
  ConsoleBundleTooLargeError,
  consolePage,
  MAX_CONSOLE_GZIPPED_BYTES,
} from '../../../console/console-bundle.js';

describe('console bundle', () => {
  it('builds within the 150 KB gzipped budget, and the build fails above a budget', async () => {
    const bundle = await buildConsoleBundle();
    expect(bundle.script.gzipped.length).toBeLessThanOrEqual(MAX_CONSOLE_GZIPPED_BYTES);
    expect(bundle.script.etag).toMatch(/^"[\w-]+"$/);
    expect(bundle.styles.code.toString()).toContain('.inbox');
    await expect(buildConsoleBundle(1000)).rejects.toBeInstanceOf(ConsoleBundleTooLargeError);
  }, 30_000);

  it('serves a page with no inline script or style (the CSP forbids both)', () => {
    const page = consolePage('zh');
    expect(page).toContain('lang="zh-CN"');
    expect(page).not.toMatch(/<script>|<style|\sstyle=|\son\w+=/);
    expect(page).toContain('<script src="/console/console.js" defer></script>');
  });
});
