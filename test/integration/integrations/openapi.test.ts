import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import SwaggerParser from '@apidevtools/swagger-parser';
import type { Express } from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WEBHOOK_EVENT_TYPES, WEBHOOK_TEST_EVENT } from '../../../src/contracts/webhooks.js';
import { HTTP_APP_CHANNEL } from '../../../src/gateway/http-app.js';
import { expressRoutes } from '../../support/express-routes.js';
import { TestStack } from '../../support/test-app.js';
import { api } from './integration-support.js';

describe('the OpenAPI document', () => {
  const stack = new TestStack({ label: 'openapi' });
  let app: Express | undefined;
  const capture = (message: unknown) => {
    app = (message as { app: Express }).app;
  };
  beforeAll(async () => {
    subscribe(HTTP_APP_CHANNEL, capture);
    await stack.start();
  });
  afterAll(async () => {
    unsubscribe(HTTP_APP_CHANNEL, capture);
    await stack.close();
  });

  const served = async () => {
    const answer = await api(stack, 'GET', '/api/openapi.json');
    expect(answer.status).toBe(200);
    return answer.json;
  };

  it('is served at /api/openapi.json, passes the validator and has its schemes, error bodies and examples', async () => {
    const document = await served();
    await SwaggerParser.validate(structuredClone(document));
    expect(document.openapi).toBe('3.1.0');
    expect(Object.keys(document.components.securitySchemes).sort()).toEqual(
      ['agentBearer', 'agentCookie', 'clientBasic', 'csrfToken', 'oauth2', 'operatorToken'].sort(),
    );
    const rest = document.paths['/api/v1/channels/rest/messages'].post;
    expect(rest.responses['415'].content['application/problem+json'].example).toMatchObject({
      status: 415,
      code: 'UNSUPPORTED_MEDIA_TYPE',
    });
    expect(rest.requestBody.content['application/json'].schema.examples).toHaveLength(1);
    expect(document.paths['/api/v1/sites'].post.requestBody.content['application/json'].schema.examples[0]).toMatchObject({
      name: 'Tea House',
    });
    expect(document.paths['/api/v1/sites'].post.security).toEqual([
      { operatorToken: [] },
      { agentBearer: [] },
      { agentCookie: [], csrfToken: [] },
    ]);
    expect(document.paths['/api/v1/visitors/{id}'].get.security).toEqual([{ oauth2: ['conversations:read'] }]);

    const page = await fetch(`${stack.url}/api/docs`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('/api/openapi.json');
  });

  it('documents every route the app mounts under /api and /oauth, and no route it does not mount', async () => {
    const document = await served();
    expect(app).toBeDefined();
    const mounted = expressRoutes(app!).filter((route) => /^\/(api|oauth)(\/|$)/.test(route.path));
    expect(mounted.length).toBeGreaterThan(50);
    const undocumented = mounted.filter((route) => !document.paths[route.path]?.[route.method]);
    expect(undocumented).toEqual([]);
    const keys = new Set(mounted.map((route) => `${route.method} ${route.path}`));
    const documented = Object.entries(document.paths as Record<string, Record<string, unknown>>).flatMap(([path, item]) =>
      Object.keys(item).map((method) => `${method} ${path}`),
    );
    expect(documented.filter((key) => !keys.has(key))).toEqual([]);
  });

  it('describes every webhook event with its envelope and data schema', async () => {
    const document = await served();
    expect(Object.keys(document.webhooks).sort()).toEqual([...WEBHOOK_EVENT_TYPES, WEBHOOK_TEST_EVENT].sort());
    const handoff = document.webhooks['conversation.handoff_requested'].post.requestBody.content['application/json'].schema;
    expect(handoff.properties.type).toMatchObject({ const: 'conversation.handoff_requested' });
    expect(handoff.properties.data.properties.transcript.properties.messages.type).toBe('array');
    expect(document.webhooks['message.created'].post.parameters.map((header: { name: string }) => header.name)).toContain(
      'webhook-signature',
    );
  });
});
