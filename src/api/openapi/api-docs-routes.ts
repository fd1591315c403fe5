import { Router } from 'express';
import { openApiDocument } from './openapi-document.js';

/** A self-contained reference page (no CDN): it fetches the document and lists every operation. */
const DOCS_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Switchboard API</title>
<style>body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}
details{border:1px solid #ddd;border-radius:6px;margin:.5rem 0;padding:.5rem}summary{cursor:pointer}
code.m{display:inline-block;min-width:4rem;font-weight:bold}pre{background:#f6f6f6;padding:.5rem;overflow:auto}</style></head>
<body><h1>Switchboard integration API</h1><p><a href="/api/openapi.json">openapi.json</a></p><div id="ops"></div>
<script>fetch('/api/openapi.json').then(r=>r.json()).then(doc=>{const ops=document.getElementById('ops');
for(const [path,item] of Object.entries(doc.paths))for(const [method,op] of Object.entries(item)){
const d=document.createElement('details');const s=document.createElement('summary');
s.innerHTML='<code class="m"></code> <code class="p"></code> — <span></span>';
s.querySelector('.m').textContent=method.toUpperCase();s.querySelector('.p').textContent=path;s.querySelector('span').textContent=op.summary;
const pre=document.createElement('pre');pre.textContent=JSON.stringify(op,null,2);d.append(s,pre);ops.append(d);}});</script></body></html>`;

/** `GET /api/openapi.json` and `GET /api/docs`. */
export function apiDocsRoutes(): Router {
  const router = Router();
  const document = JSON.stringify(openApiDocument());
  router.get('/openapi.json', (_request, response) => {
    response.type('application/json').send(document);
  });
  router.get('/docs', (_request, response) => {
    response
      .set(
        'Content-Security-Policy',
        "default-src 'self'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'",
      )
      .type('html')
      .send(DOCS_PAGE);
  });
  return router;
}
