import type { Express } from 'express';

export interface WebAssetOptions {
  simulated: boolean;
  demoSiteKey: string;
}

/** The demo page at `/`. (The embeddable widget bundle is served at `/widget.js`.) */
export function mountWebAssets(app: Express, options: WebAssetOptions): void {
  app.get('/', (_request, response) => {
    const banner = options.simulated
      ? '<p role="alert"><strong>Simulator mode:</strong> DEEPSEEK_API_KEY is not set, replies come from the bundled DeepSeek simulator.</p>'
      : '';
    response.type('html').send(`<!doctype html><title>Switchboard demo</title>${banner}<script src="/widget.js" data-site-key="${options.demoSiteKey}"></script>`);
  });
}
