import { writeFile } from 'node:fs/promises';
import { openApiDocument } from '../../src/api/openapi/openapi-document.js';
import { OPENAPI_TYPES_PATH, renderOpenApiTypes } from './openapi-types.js';

// `npm run api:types`: the document the app serves (`GET /api/openapi.json` is `openApiDocument()`).
await writeFile(OPENAPI_TYPES_PATH, await renderOpenApiTypes(JSON.parse(JSON.stringify(openApiDocument()))));
console.log(`wrote ${OPENAPI_TYPES_PATH.pathname}`);
