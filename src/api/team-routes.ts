import { Router } from 'express';
import { z } from 'zod';
import type { TeamService } from '../agents/team.service.js';
import { teamBodySchema } from '../contracts/admin-api.js';
import { AppError } from '../errors/app-error.js';
import { assertManager, principalOf } from './admin-principal.js';

const teamId = z.uuid();

/** `/api/v1/teams`: every agent lists them (transfers need them); admins create, rename and delete. */
export function teamRoutes(teams: TeamService): Router {
  const router = Router();

  router.get('/', async (_request, response) => {
    response.json({ teams: await teams.list() });
  });

  router.post('/', async (request, response) => {
    assertManager(principalOf(response));
    response.status(201).json({ team: await teams.create(teamBodySchema.parse(request.body ?? {}).name) });
  });

  router.patch('/:teamId', async (request, response) => {
    assertManager(principalOf(response));
    const { name } = teamBodySchema.parse(request.body ?? {});
    response.json({ team: await teams.rename(idOf(request.params.teamId), name) });
  });

  router.delete('/:teamId', async (request, response) => {
    assertManager(principalOf(response));
    await teams.delete(idOf(request.params.teamId));
    response.status(204).end();
  });

  return router;
}

function idOf(raw: unknown): string {
  const parsed = teamId.safeParse(raw);
  if (!parsed.success) throw new AppError('NOT_FOUND', 'No such team.');
  return parsed.data;
}
