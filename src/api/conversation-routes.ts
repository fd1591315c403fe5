import { Router } from 'express';
import { z } from 'zod';
import { conversationModeSchema } from '../contracts/enums.js';
import { seqSchema } from '../contracts/wire-text.js';
import type { ConversationService } from '../conversations/conversation.service.js';
import type { ConversationModeService } from '../conversations/conversation-mode.service.js';
import { summarize } from '../conversations/conversation-view.js';

const conversationParams = z.object({ id: z.string().uuid() });
export const afterSeqQuerySchema = z.object({ afterSeq: z.coerce.number().pipe(seqSchema).default(0) });
export const modeBodySchema = z.object({ mode: conversationModeSchema });

/** `/api/v1/conversations`: read a conversation's messages, change who answers it. */
export function conversationRoutes(conversations: ConversationService, modes: ConversationModeService): Router {
  const router = Router();

  router.get('/:id/messages', async (request, response) => {
    const { id } = conversationParams.parse(request.params);
    const { afterSeq } = afterSeqQuerySchema.parse(request.query);
    response.json({ messages: await conversations.messagesAfter(id, afterSeq) });
  });

  router.put('/:id/mode', async (request, response) => {
    const { id } = conversationParams.parse(request.params);
    const { mode } = modeBodySchema.parse(request.body);
    response.json({ conversation: summarize(await modes.change(id, { to: mode })) });
  });

  return router;
}
