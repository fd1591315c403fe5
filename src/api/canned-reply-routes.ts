import { Router } from 'express';
import { z } from 'zod';
import { cannedReplyBodySchema } from '../contracts/admin-api.js';
import { AppError } from '../errors/app-error.js';
import type { CannedReplyService } from '../sites/canned-reply.service.js';
import { assertManager, principalOf, visibleSiteId } from './admin-principal.js';

const replyId = z.uuid();

/** `/api/v1/sites/:siteId/canned-replies`: every member reads them, admins change them. */
export function cannedReplyRoutes(replies: CannedReplyService): Router {
  const router = Router();

  router.get('/:siteId/canned-replies', async (request, response) => {
    const siteId = visibleSiteId(principalOf(response), request.params.siteId);
    response.json({ cannedReplies: await replies.list(siteId) });
  });

  router.post('/:siteId/canned-replies', async (request, response) => {
    const principal = principalOf(response);
    const siteId = visibleSiteId(principal, request.params.siteId);
    assertManager(principal);
    response.status(201).json({ cannedReply: await replies.create(siteId, cannedReplyBodySchema.parse(request.body ?? {})) });
  });

  router.put('/:siteId/canned-replies/:replyId', async (request, response) => {
    const principal = principalOf(response);
    const siteId = visibleSiteId(principal, request.params.siteId);
    assertManager(principal);
    const id = idOf(request.params.replyId);
    response.json({ cannedReply: await replies.update(siteId, id, cannedReplyBodySchema.parse(request.body ?? {})) });
  });

  router.delete('/:siteId/canned-replies/:replyId', async (request, response) => {
    const principal = principalOf(response);
    const siteId = visibleSiteId(principal, request.params.siteId);
    assertManager(principal);
    await replies.delete(siteId, idOf(request.params.replyId));
    response.status(204).end();
  });

  return router;
}

function idOf(raw: unknown): string {
  const parsed = replyId.safeParse(raw);
  if (!parsed.success) throw new AppError('NOT_FOUND', 'No such canned reply.');
  return parsed.data;
}
