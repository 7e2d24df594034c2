import { DASHBOARD_ROLES, MAX_EMAIL_LENGTH } from '@kessai/domain';
import { z } from 'zod';
import { pageParams } from '../schemas/list-query';

const role = z.enum(DASHBOARD_ROLES as ['admin', 'viewer'], { error: 'must be admin or viewer' });

export const teamMemberSchema = z
  .object({
    type: z.literal('dashboard-user'),
    id: z.string(),
    email: z.string(),
    role,
    created_at: z.string(),
    deactivated_at: z.string().nullable(),
  })
  .meta({ id: 'DashboardTeamMember' });

export const teamSchema = z.object({ items: z.array(teamMemberSchema) }).meta({ id: 'DashboardTeam' });

export const inviteBody = z
  .object({
    email: z.string({ error: 'must be a string' }).max(MAX_EMAIL_LENGTH, { error: 'is too long' }),
    role,
  })
  .strict()
  .meta({ id: 'DashboardInvite' });

export const invitedSchema = teamMemberSchema
  .extend({ one_time_password: z.string().describe('The password made for the user: shown once, never stored') })
  .meta({ id: 'DashboardInvited' });

export const roleBody = z.object({ role }).strict().meta({ id: 'DashboardRoleChange' });

export const memberParams = z.object({ user_id: z.uuid({ error: 'must be a user id (UUID)' }) });

export const auditEntrySchema = z
  .object({
    type: z.literal('dashboard-audit-entry'),
    id: z.string(),
    actor: z.object({ id: z.string(), email: z.string() }),
    action: z.string(),
    target: z.string(),
    detail: z.string().nullable(),
    at: z.string(),
  })
  .meta({ id: 'DashboardAuditEntry' });

export const auditQuery = z.strictObject(pageParams);
