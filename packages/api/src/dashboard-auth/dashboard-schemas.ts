import { API_SCOPES, MAX_EMAIL_LENGTH, MAX_PASSWORD_LENGTH } from '@kessai/domain';
import { z } from 'zod';
import { errorBody } from '../schemas/common';
import { pageParams } from '../schemas/list-query';

export const signInBody = z
  .object({
    email: z.string({ error: 'must be a string' }).min(1, { error: 'must not be empty' }).max(MAX_EMAIL_LENGTH),
    password: z.string({ error: 'must be a string' }).min(1, { error: 'must not be empty' }).max(MAX_PASSWORD_LENGTH),
  })
  .strict()
  .meta({ id: 'DashboardSignIn' });

export const changePasswordBody = z
  .object({
    current_password: z
      .string({ error: 'must be a string' })
      .min(1, { error: 'must not be empty' })
      .max(MAX_PASSWORD_LENGTH),
    new_password: z
      .string({ error: 'must be a string' })
      .min(1, { error: 'must not be empty' })
      .max(MAX_PASSWORD_LENGTH),
  })
  .strict()
  .meta({ id: 'DashboardPasswordChange' });

export const dashboardSessionSchema = z
  .object({
    type: z.literal('dashboard-session'),
    user: z.object({
      id: z.string(),
      email: z.string(),
      role: z.enum(['admin', 'viewer']),
      merchant_account_id: z.string(),
      must_change_password: z
        .boolean()
        .describe('Invited with a one-time password: nothing but changing it is allowed until it is changed'),
    }),
    merchant_account: z.object({ id: z.string(), time_zone: z.string() }),
    csrf_token: z.string(),
    expires_at: z.string(),
    idle_expires_at: z.string(),
  })
  .meta({ id: 'DashboardSession' });

export const apiKeySchema = z
  .object({
    type: z.literal('api-key'),
    id: z.string().describe('The key thumbprint (RFC 7638): the `kid` of the tokens it signs'),
    name: z.string().nullable(),
    scopes: z
      .array(z.string())
      .nullable()
      .describe('The most the tokens it signs may do: a token’s scopes beyond them are dropped; null: not bounded'),
    merchant_account_id: z.string(),
    created_at: z.string(),
    last_used_at: z
      .string()
      .nullable()
      .describe('When a token it signed was last accepted, to the minute; null if never'),
    revoked_at: z.string().nullable(),
  })
  .meta({ id: 'ApiKey' });

export const apiKeyWithPrivateKeySchema = apiKeySchema
  .extend({
    private_key_pem: z
      .string()
      .nullable()
      .describe('PKCS #8 PEM of the ES512 private key: shown once, never stored (null on an idempotent replay)'),
  })
  .meta({ id: 'ApiKeyWithPrivateKey' });

export const listApiKeysQuery = z.strictObject(pageParams);

const apiKeyName = z
  .string({ error: 'must be a string' })
  .trim()
  .min(1, { error: 'must not be empty' })
  .max(100, { error: 'must be at most 100 characters' });

export const createApiKeyBody = z
  .object({
    name: apiKeyName,
    scopes: z
      .array(z.enum(API_SCOPES as [string, ...string[]], { error: `must be one of ${API_SCOPES.join(', ')}` }))
      .min(1, { error: 'must hold at least one scope' })
      .max(API_SCOPES.length, { error: `must hold at most ${API_SCOPES.length} scopes` }),
  })
  .strict()
  .meta({ id: 'ApiKeyCreate' });

export const updateApiKeyBody = z.object({ name: apiKeyName }).strict().meta({ id: 'ApiKeyUpdate' });

export const apiKeyParams = z.object({
  api_key_id: z.string().regex(/^[A-Za-z0-9_-]{1,128}$/, { error: 'must be a key thumbprint (base64url)' }),
});

export const dashboardErrors = {
  400: errorBody,
  401: errorBody,
  403: errorBody,
  404: errorBody,
  409: errorBody,
  429: errorBody,
  503: errorBody,
} as const;
