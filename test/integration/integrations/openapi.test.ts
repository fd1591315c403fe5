import SwaggerParser from '@apidevtools/swagger-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestStack } from '../../support/test-app.js';
import { api } from './integration-support.js';

describe('the OpenAPI document', () => {
  const stack = new TestStack({ label: 'openapi' });
  beforeAll(() => stack.start());
  afterAll(() => stack.close());

  it('is served at /api/openapi.json, passes the validator and names every route and scheme', async () => {
    const served = await api(stack, 'GET', '/api/openapi.json');
    expect(served.status).toBe(200);
    const document = served.json;
    await SwaggerParser.validate(structuredClone(document));
    expect(document.openapi).toBe('3.1.0');
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining([
        '/oauth/token',
        '/oauth/revoke',
        '/api/v1/conversations',
        '/api/v1/channels/rest/messages',
        '/api/v1/tasks/{id}',
      ]),
    );
    expect(Object.keys(document.components.securitySchemes)).toEqual(['oauth2', 'clientBasic', 'adminToken', 'agentSession']);
    expect(
      document.paths['/api/v1/channels/rest/messages'].post.responses['415'].content['application/problem+json'],
    ).toBeDefined();

    const page = await fetch(`${stack.url}/api/docs`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('/api/openapi.json');
  });
});
