import { z } from 'zod';
import * as responses from '../../contracts/admin-responses.js';
import * as webhooks from '../../contracts/webhooks.js';
import { filterPolicySchema } from '../../moderation/filter-policy.js';
import { wordEntrySchema } from '../../moderation/word-list-format.js';
import { wordImportQuerySchema, wordListQuerySchema } from '../word-list-routes.js';
import { section, type Operation } from './openapi-operation.js';

const HOOKS = '/api/v1/sites/{siteId}/webhooks';
const HOOK = `${HOOKS}/{endpointId}`;
const WORDS = '/api/v1/sites/{siteId}/words';
/** Word lists take a site id or `default` (the shared default list, the operator's). */
const siteOrDefault = { siteId: { oneOf: [{ type: 'string', format: 'uuid' }, { const: 'default' }] } };
const policy = z.object({ policy: filterPolicySchema });

/** A site's webhook endpoints and delivery log (docs/webhooks.md), word lists and filter policy (docs/filter.md). */
export const SITE_CONFIG_OPERATIONS: Operation[] = [
  ...section({ tag: 'Webhooks', security: 'manager' }, [
    {
      method: 'post',
      path: HOOKS,
      summary: 'Add an endpoint; the answer carries its signing secret, once',
      body: webhooks.createWebhookEndpointSchema,
      ok: { status: 201, schema: responses.webhookEndpointWithSecretSchema },
      errors: [400, 401, 403, 404, 409, 422],
    },
    {
      method: 'get',
      path: HOOKS,
      summary: "The site's endpoints",
      ok: { status: 200, schema: responses.webhookEndpointListSchema },
      errors: [401, 403, 404],
    },
    {
      method: 'get',
      path: HOOK,
      summary: 'Read an endpoint',
      ok: { status: 200, schema: responses.webhookEndpointResponseSchema },
      errors: [401, 403, 404],
    },
    {
      method: 'patch',
      path: HOOK,
      summary: 'Change URL, events, enabled or description',
      body: webhooks.updateWebhookEndpointSchema,
      ok: { status: 200, schema: responses.webhookEndpointResponseSchema },
      errors: [400, 401, 403, 404, 422],
    },
    {
      method: 'delete',
      path: HOOK,
      summary: 'Delete an endpoint',
      ok: { status: 204 },
      errors: [401, 403, 404],
    },
    {
      method: 'post',
      path: `${HOOK}/rotate-secret`,
      summary: 'A new signing secret; the old one signs too during the overlap',
      body: webhooks.rotateWebhookSecretSchema,
      ok: { status: 200, schema: responses.webhookEndpointWithSecretSchema },
      errors: [400, 401, 403, 404],
    },
    {
      method: 'post',
      path: `${HOOK}/test`,
      summary: 'Send a webhook.test event to this endpoint',
      ok: { status: 202, schema: responses.webhookTestEventResultSchema },
      errors: [401, 403, 404],
    },
    {
      method: 'get',
      path: `${HOOK}/deliveries`,
      summary: 'Deliveries to the endpoint, newest first',
      query: webhooks.listDeliveriesQuerySchema,
      ok: { status: 200, schema: responses.webhookDeliveryListSchema },
      errors: [400, 401, 403, 404],
    },
    {
      method: 'get',
      path: `${HOOK}/deliveries/{deliveryId}`,
      summary: 'One delivery with its body and every attempt',
      ok: { status: 200, schema: responses.webhookDeliveryDetailSchema },
      errors: [401, 403, 404],
    },
    {
      method: 'post',
      path: `${HOOK}/deliveries/{deliveryId}/replay`,
      summary: 'Send a delivery again now, with its original webhook-id',
      ok: { status: 202, schema: responses.webhookReplayResultSchema },
      errors: [401, 403, 404, 409],
    },
    {
      method: 'post',
      path: `${HOOK}/replay`,
      summary: 'Send again every failed delivery since a time',
      body: webhooks.replayFailedSchema,
      ok: { status: 202, schema: responses.webhookReplayResultSchema },
      errors: [400, 401, 403, 404],
    },
  ]),

  ...section({ tag: 'Word lists', security: 'manager' }, [
    {
      method: 'get',
      path: WORDS,
      summary: "A page of the site's (or the default) word list",
      params: siteOrDefault,
      query: wordListQuerySchema,
      ok: { status: 200, schema: responses.wordListPageSchema },
      errors: [400, 401, 403, 404],
    },
    {
      method: 'post',
      path: WORDS,
      summary: 'Add a word',
      params: siteOrDefault,
      body: wordEntrySchema,
      ok: { status: 201, schema: responses.wordResponseSchema },
      errors: [400, 401, 403, 404, 409],
    },
    {
      method: 'delete',
      path: `${WORDS}/{wordId}`,
      summary: 'Remove a word',
      params: siteOrDefault,
      ok: { status: 204 },
      errors: [400, 401, 403, 404],
    },
    {
      method: 'post',
      path: `${WORDS}/import`,
      summary: 'Import a list (all or nothing; line errors in the problem body)',
      params: siteOrDefault,
      query: wordImportQuerySchema,
      textBody: 'One `word<TAB>category` (optionally `<TAB>allow`) per line',
      ok: { status: 200, schema: responses.wordImportResultSchema },
      errors: [400, 401, 403, 404, 409, 413, 422],
    },
    {
      method: 'get',
      path: `${WORDS}/export`,
      summary: 'Export the list in the import format',
      params: siteOrDefault,
      ok: { status: 200, contentType: 'text/plain', description: 'One `word<TAB>category` per line' },
      errors: [401, 403, 404],
    },
    {
      method: 'get',
      path: '/api/v1/sites/{siteId}/filter-policy',
      summary: "The site's filter policy",
      ok: { status: 200, schema: policy },
      errors: [400, 401, 403, 404],
    },
    {
      method: 'put',
      path: '/api/v1/sites/{siteId}/filter-policy',
      summary: "Replace the site's filter policy",
      body: filterPolicySchema,
      ok: { status: 200, schema: policy },
      errors: [400, 401, 403, 404],
    },
  ]),
];
