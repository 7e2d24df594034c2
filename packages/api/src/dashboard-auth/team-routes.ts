import type { AuditEntry, DashboardUser } from '@kessai/domain';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { listOf } from '../schemas/common';
import { dashboardErrors } from './dashboard-schemas';
import type { DashboardServices } from './dashboard-services';
import { activeSession } from './session-principal';
import {
  auditEntrySchema,
  auditQuery,
  inviteBody,
  invitedSchema,
  memberParams,
  roleBody,
  teamMemberSchema,
  teamSchema,
} from './team-schemas';

const tags = ['Dashboard'];
const security = [{ dashboardSession: [] }];

const presentMember = (user: DashboardUser) => ({
  type: 'dashboard-user' as const,
  id: user.id,
  email: user.email,
  role: user.role,
  created_at: user.createdAt.toISOString(),
  deactivated_at: user.deactivatedAt?.toISOString() ?? null,
});

const presentEntry = (entry: AuditEntry) => ({
  type: 'dashboard-audit-entry' as const,
  id: entry.id,
  actor: { id: entry.actorId, email: entry.actorEmail },
  action: entry.action,
  target: entry.target,
  detail: entry.detail,
  at: entry.at.toISOString(),
});

const noStore = (reply: FastifyReply) => reply.header('cache-control', 'no-store');

/**
 * The team and the audit trail, for the session's user (cookie, and `X-CSRF-Token` on every change); `ManageTeam`
 * refuses anyone but an admin, so a viewer's forced request is refused here, not only hidden in the page.
 */
export function teamRoutes(services: DashboardServices): FastifyPluginAsyncZod {
  const actor = async (request: FastifyRequest) => (await activeSession(services, request, 'unauthenticated')).user;
  return async (app) => {
    app.get(
      '/dashboard/api/team',
      {
        schema: {
          tags,
          security,
          summary: 'The merchant account’s dashboard users (admins only)',
          response: { 200: teamSchema, ...dashboardErrors },
        },
      },
      async (request, reply) => {
        noStore(reply);
        return { items: (await services.team.list(await actor(request))).map(presentMember) };
      },
    );

    app.post(
      '/dashboard/api/team',
      {
        config: { secretInResponse: true },
        schema: {
          tags,
          security,
          summary: 'Invite a user: made with a generated password, answered once (admins only)',
          body: inviteBody,
          response: { 201: invitedSchema, ...dashboardErrors },
        },
      },
      async (request, reply) => {
        noStore(reply);
        const { user, oneTimePassword } = await services.team.invite(await actor(request), request.body);
        return reply.code(201).send({ ...presentMember(user), one_time_password: oneTimePassword });
      },
    );

    app.patch(
      '/dashboard/api/team/:user_id',
      {
        schema: {
          tags,
          security,
          summary: 'Give a user another role; the last active admin keeps theirs (admins only)',
          params: memberParams,
          body: roleBody,
          response: { 200: teamMemberSchema, ...dashboardErrors },
        },
      },
      async (request, reply) => {
        noStore(reply);
        return presentMember(
          await services.team.setRole(await actor(request), request.params.user_id, request.body.role),
        );
      },
    );

    app.post(
      '/dashboard/api/team/:user_id/deactivate',
      {
        schema: {
          tags,
          security,
          summary: 'Deactivate a user: their sessions end and they cannot sign in (admins only)',
          params: memberParams,
          response: { 200: teamMemberSchema, ...dashboardErrors },
        },
      },
      async (request, reply) => {
        noStore(reply);
        return presentMember(await services.team.deactivate(await actor(request), request.params.user_id));
      },
    );

    app.get(
      '/dashboard/api/audit',
      {
        schema: {
          tags,
          security,
          summary: 'What was done in the dashboard, newest first (admins only)',
          querystring: auditQuery,
          response: { 200: listOf(auditEntrySchema, 'DashboardAuditEntries'), ...dashboardErrors },
        },
      },
      async (request, reply) => {
        noStore(reply);
        const { limit, cursor } = request.query;
        const page = await services.team.audit(await actor(request), { limit, cursor });
        return {
          items: page.items.map(presentEntry),
          limit,
          next_cursor: page.nextCursor,
          previous_cursor: page.previousCursor,
        };
      },
    );
  };
}
