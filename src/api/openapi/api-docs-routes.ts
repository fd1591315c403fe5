import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import express, { Router } from 'express';
import { openApiDocument } from './openapi-document.js';

/** Swagger UI's prebuilt files, served from the installed package: no CDN, nothing fetched at run time. */
const swaggerUiFolder = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
const ASSETS = '/docs/assets';

const DOCS_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>Switchboard API reference</title>
<link rel="icon" href="/api${ASSETS}/favicon-32x32.png"><link rel="stylesheet" href="/api${ASSETS}/swagger-ui.css"></head>
<body><main id="reference"><noscript>The reference needs JavaScript; the document itself is at <a href="/api/openapi.json">/api/openapi.json</a>.</noscript></main>
<script src="/api${ASSETS}/swagger-ui-bundle.js"></script><script src="/api/docs/start.js"></script></body></html>`;

/** Kept out of the page so the CSP needs no inline script. */
const START_SCRIPT = `window.SwaggerUIBundle({ url: '/api/openapi.json', dom_id: '#reference', deepLinking: true, tryItOutEnabled: false });`;

/** Swagger UI sets inline styles and draws its icons from data: URLs; everything else comes from this origin. */
const DOCS_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'";

/** `GET /api/openapi.json` and the browsable reference at `GET /api/docs` (Swagger UI). */
export function apiDocsRoutes(): Router {
  const router = Router();
  const document = JSON.stringify(openApiDocument());
  router.get('/openapi.json', (_request, response) => {
    response.type('application/json').send(document);
  });
  router.get('/docs', (_request, response) => {
    response.set('Content-Security-Policy', DOCS_CSP).type('html').send(DOCS_PAGE);
  });
  router.get('/docs/start.js', (_request, response) => {
    response.type('text/javascript').send(START_SCRIPT);
  });
  router.use(ASSETS, express.static(swaggerUiFolder, { index: false, maxAge: '1d', fallthrough: false }));
  return router;
}
