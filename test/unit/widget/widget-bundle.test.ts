import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { MAX_GZIPPED_BYTES, WidgetBundleTooLargeError, buildWidgetBundle } from '../../../widget/widget-bundle.js';

describe('widget bundle', () => {
  it('stays within 40 KB gzipped, with no Markdown HTML renderer shipped', async () => {
    const bundle = await buildWidgetBundle();
    expect(MAX_GZIPPED_BYTES).toBe(40 * 1024);
    expect(bundle.gzipped.length).toBeLessThanOrEqual(MAX_GZIPPED_BYTES);
    expect(gunzipSync(bundle.gzipped).equals(bundle.code)).toBe(true);
    const code = bundle.code.toString('utf8');
    // An HTML renderer would write these; the widget builds DOM from its own tree instead.
    expect(code).not.toContain('<blockquote>');
    expect(code).not.toContain('An error occurred:');
    // engine.io's WebTransport client is cut (widget/engine-io-without-webtransport.ts) and CSS minified.
    expect(code).not.toContain('new WebTransport');
    expect(code).toContain(':host{all:initial!important;display:block!important}');
    console.info(
      `[widget] bundle ${bundle.code.length} bytes minified, ${bundle.gzipped.length} gzipped (budget ${MAX_GZIPPED_BYTES})`,
    );
  });

  it('fails the build above the budget', async () => {
    await expect(buildWidgetBundle(10_000)).rejects.toBeInstanceOf(WidgetBundleTooLargeError);
    await expect(buildWidgetBundle(10_000)).rejects.toThrow(/bytes gzipped, over the 10000-byte budget/);
  });
});
