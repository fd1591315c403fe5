import type { Client } from 'openapi-fetch';
import { describe, expectTypeOf, it } from 'vitest';
import type { paths } from '../generated/openapi.js';

type Api = Client<paths>;

// Compile-time checks: `npm run typecheck` fails if the generated client accepts a typo.
describe('the client typed from the OpenAPI document', () => {
  it('refuses paths, fields and values the document does not have', () => {
    const calls = (api: Api) => {
      // @ts-expect-error: no such path
      void api.GET('/api/v1/conversation');
      // @ts-expect-error: POST is not a method of the task route
      void api.POST('/api/v1/tasks/{id}', { params: { path: { id: 'x' } } });
      // @ts-expect-error: the REST channel has no `message` field (it is `text`)
      void api.POST('/api/v1/channels/rest/messages', { body: { visitorId: 'v', message: 'hi', clientMessageId: 'c' } });
      // @ts-expect-error: `waiting` is a mode, `queued` is not
      void api.GET('/api/v1/conversations', { params: { query: { mode: 'queued' } } });
      // @ts-expect-error: the task route needs its path parameter
      void api.GET('/api/v1/tasks/{id}', {});
    };
    expectTypeOf(calls).parameter(0).toEqualTypeOf<Api>();
    expectTypeOf<
      paths['/api/v1/tasks/{id}']['get']['responses'][200]['content']['application/json']['task']['status']
    >().toEqualTypeOf<'pending' | 'streaming' | 'done' | 'failed'>();
  });
});
