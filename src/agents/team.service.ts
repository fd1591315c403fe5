import type { TeamView } from '../contracts/admin-api.js';
import type { TeamRow } from '../db/schema.js';
import { AppError } from '../errors/app-error.js';
import type { TeamRepository } from './team.repository.js';

/** Teams as the admin API manages them: names are unique; members are set on the agents. */
export class TeamService {
  constructor(private readonly teams: TeamRepository) {}

  async list(): Promise<TeamView[]> {
    const members = await this.teams.allMembers();
    return (await this.teams.list()).map((team) => toView(team, members));
  }

  async create(name: string): Promise<TeamView> {
    const team = await this.teams.create(name);
    if (!team) throw new AppError('CONFLICT', 'A team with this name exists.');
    return toView(team, new Map());
  }

  async rename(id: string, name: string): Promise<TeamView> {
    const team = await this.teams.rename(id, name);
    if (team === null) throw new AppError('CONFLICT', 'A team with this name exists.');
    if (!team) throw new AppError('NOT_FOUND', 'No such team.');
    return toView(team, await this.teams.allMembers());
  }

  async delete(id: string): Promise<void> {
    if (!(await this.teams.delete(id))) throw new AppError('NOT_FOUND', 'No such team.');
  }
}

function toView(team: TeamRow, members: Map<string, string[]>): TeamView {
  return { id: team.id, name: team.name, memberIds: members.get(team.id) ?? [], createdAt: team.createdAt.toISOString() };
}
