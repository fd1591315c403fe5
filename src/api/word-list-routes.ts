import express, { Router, type Response } from 'express';
import { z } from 'zod';
import { wordEntrySchema } from '../moderation/word-list-format.js';
import type { WordListService } from '../moderation/word-list.service.js';
import { AppError, isAppError } from '../errors/app-error.js';
import { toProblem } from '../errors/error-mapping.js';

/** Largest import body. */
export const MAX_IMPORT_BYTES = 1024 * 1024;

const siteParams = z.object({ siteId: z.string().min(1).max(64) });
const wordParams = siteParams.extend({ wordId: z.uuid() });
export const wordListQuerySchema = z.object({
  /** Clamped to 1000: a page is bounded whatever the caller asks for. */
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .default(100)
    .transform((limit) => Math.min(limit, 1000)),
  after: z.string().max(256).optional(),
});
export const wordImportQuerySchema = z.object({ mode: z.enum(['merge', 'replace']).default('merge') });

/**
 * `/api/v1/sites/:siteId/words` (a site's list; `default` is the shared default list) and
 * `/api/v1/sites/:siteId/filter-policy`. See docs/filter.md, "Sensitive words in the service".
 */
export function wordListRoutes(words: WordListService): Router {
  const router = Router();

  router.get('/:siteId/words', async (request, response) => {
    const scope = await words.resolveScope(siteParams.parse(request.params).siteId);
    response.json(await words.list(scope, wordListQuerySchema.parse(request.query)));
  });

  router.post('/:siteId/words', async (request, response) => {
    const scope = await words.resolveScope(siteParams.parse(request.params).siteId);
    const entry = wordEntrySchema.parse(request.body ?? {});
    response.status(201).json({ word: await words.add(scope, entry) });
  });

  router.delete('/:siteId/words/:wordId', async (request, response) => {
    const { siteId, wordId } = wordParams.parse(request.params);
    await words.remove(await words.resolveScope(siteId), wordId);
    response.status(204).end();
  });

  router.post(
    '/:siteId/words/import',
    express.text({ type: 'text/plain', limit: MAX_IMPORT_BYTES }),
    async (request, response) => {
      const scope = await words.resolveScope(siteParams.parse(request.params).siteId);
      if (!/^text\/plain\s*(;|$)/i.test(request.get('content-type') ?? '')) {
        throw new AppError('BAD_REQUEST', 'Send the list as text/plain: one `word<TAB>category` per line.');
      }
      // An empty body (a `replace` that empties the list) leaves no parsed body at all.
      const text = typeof request.body === 'string' ? request.body : '';
      const { mode } = wordImportQuerySchema.parse(request.query);
      try {
        response.json(await words.import(scope, text, mode === 'replace'));
      } catch (error) {
        if (!isAppError(error) || !error.details.lineErrors) throw error;
        sendProblem(response, error, { errors: error.details.lineErrors });
      }
    },
  );

  router.get('/:siteId/words/export', async (request, response) => {
    const scope = await words.resolveScope(siteParams.parse(request.params).siteId);
    response.type('text/plain; charset=utf-8').send(await words.export(scope));
  });

  router.get('/:siteId/filter-policy', async (request, response) => {
    const { siteId } = siteParams.parse(request.params);
    response.json({ policy: await words.filterPolicy(await realSite(words, siteId)) });
  });

  router.put('/:siteId/filter-policy', async (request, response) => {
    const { siteId } = siteParams.parse(request.params);
    response.json({ policy: await words.setFilterPolicy(await realSite(words, siteId), request.body ?? {}) });
  });

  return router;
}

async function realSite(words: WordListService, siteId: string): Promise<string> {
  const scope = await words.resolveScope(siteId);
  if (scope === null) throw new AppError('BAD_REQUEST', 'The default list has no policy of its own; each site has one.');
  return scope;
}

/** A problem body with extension members (line errors), built by the one mapping in error-mapping. */
function sendProblem(response: Response, error: AppError, extra: Record<string, unknown>): void {
  const problem = toProblem(error);
  response
    .status(problem.status)
    .type('application/problem+json')
    .json({ ...problem.body, ...extra });
}
