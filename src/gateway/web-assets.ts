import type { Express, Request } from 'express';
import { renderDemoPage } from '../../widget/demo/demo-page.js';
import { widgetBundle } from '../../widget/widget-bundle.js';
import { mountConsoleAssets } from './console-assets.js';

export interface WebAssetOptions {
  simulated: boolean;
  demoSiteKey: string;
  /** Serve the demo page at `/` (default true); off in production, where the demo site is not seeded. */
  demoPage?: boolean;
  /** Public base URL for the demo page's embed tag; defaults to the request's own host. */
  publicUrl?: string | undefined;
}

/**
 * Unversioned URL, so browsers revalidate often (cheap 304s via the ETag) and pick up a new release
 * within minutes; pages embed it with one fixed tag and cannot add a cache-busting query.
 */
const WIDGET_CACHE_CONTROL = 'public, max-age=300, stale-while-revalidate=86400';

/** `GET /widget.js` (the embeddable widget) and `GET /` (the Demo Shop page that embeds it). */
export function mountWebAssets(app: Express, options: WebAssetOptions): void {
  mountConsoleAssets(app);
  // Build now, in the background, so the first visitor does not wait for esbuild.
  widgetBundle().catch(() => undefined);

  app.get('/widget.js', async (request, response, next) => {
    try {
      const bundle = await widgetBundle();
      response.set({
        'Content-Type': 'text/javascript; charset=utf-8',
        'Cache-Control': WIDGET_CACHE_CONTROL,
        ETag: bundle.etag,
        Vary: 'Accept-Encoding',
        'X-Content-Type-Options': 'nosniff',
        // Lets pages load it with crossorigin="anonymous" (SRI, error details) as well as plainly.
        'Access-Control-Allow-Origin': '*',
        'Cross-Origin-Resource-Policy': 'cross-origin',
      });
      if (request.fresh) {
        response.status(304).end();
        return;
      }
      const gzip = request.acceptsEncodings('gzip', 'identity') === 'gzip';
      if (gzip) response.set('Content-Encoding', 'gzip');
      response.end(gzip ? bundle.gzipped : bundle.code);
    } catch (error) {
      next(error);
    }
  });

  if (options.demoPage === false) return;
  app.get('/', (request, response) => {
    response
      .set({ 'Cache-Control': 'no-cache', 'X-Content-Type-Options': 'nosniff' })
      .type('html')
      .send(
        renderDemoPage({
          shownWidgetUrl: widgetUrl(request, options.publicUrl),
          siteKey: options.demoSiteKey,
          simulated: options.simulated,
        }),
      );
  });
}

function widgetUrl(request: Request, publicUrl: string | undefined): string {
  const base = publicUrl ?? `${request.protocol}://${request.get('host') ?? 'localhost'}`;
  return new URL('widget.js', base.endsWith('/') ? base : `${base}/`).href;
}
