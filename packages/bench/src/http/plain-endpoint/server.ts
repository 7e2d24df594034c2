import { createHash, randomUUID } from 'node:crypto';
import Fastify, { type FastifyReply } from 'fastify';
import { Pool, type PoolClient } from 'pg';
import {
  CLAIM_KEY,
  EXISTS,
  GUARDED_CAPTURE,
  INSERT_CAPTURE,
  INSERT_OUTBOX,
  presentRow,
  READ,
  STORE_RESPONSE,
  STORED_RESPONSE,
  type TransactionRow,
} from './statements';

/**
 * The plain endpoint `pnpm bench` measures Kessai against: what a team writes in a day with Fastify and pg, and
 * no more. No authentication, no framework of ours, no aggregate: a capture is one database transaction (claim the
 * idempotency key, one guarded UPDATE, a capture row, an outbox row, the stored response); a GET is one SELECT.
 * Runs in a process of its own (`node server.js`, DATABASE_URL, DATABASE_POOL_MAX) and prints `{"port":…}`.
 */
const pool = new Pool({
  connectionString: process.env.DATABASE_URL,
  max: Number(process.env.DATABASE_POOL_MAX ?? 50),
});
const app = Fastify({ logger: false });

const idParams = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string', format: 'uuid' } },
} as const;
const captureBody = {
  type: 'object',
  required: ['amount'],
  additionalProperties: false,
  properties: { amount: { type: 'integer', minimum: 1, maximum: 99_999_999 }, final: { type: 'boolean' } },
} as const;

function merchantOf(header: string | string[] | undefined): string {
  return (typeof header === 'string' && header.trim()) || 'default';
}

function problem(reply: FastifyReply, status: number, code: string, message: string) {
  return reply.code(status).send({ type: 'error', code, status, message, details: [] });
}

app.get<{ Params: { id: string } }>('/transactions/:id', { schema: { params: idParams } }, async (request, reply) => {
  const merchant = merchantOf(request.headers['x-gr4vy-merchant-account-id']);
  const { rows } = await pool.query<TransactionRow>({ ...READ, values: [request.params.id, merchant] });
  const row = rows[0];
  if (!row) return problem(reply, 404, 'not_found', 'transaction not found');
  return reply.type('application/json; charset=utf-8').send(presentRow(row));
});

app.post<{ Params: { id: string }; Body: { amount: number; final?: boolean } }>(
  '/transactions/:id/capture',
  { schema: { params: idParams, body: captureBody } },
  async (request, reply) => {
    const key = request.headers['idempotency-key'];
    if (typeof key !== 'string' || key.length === 0 || key.length > 255) {
      return problem(reply, 400, 'bad_request', 'Idempotency-Key header required (1–255 characters)');
    }
    const merchant = merchantOf(request.headers['x-gr4vy-merchant-account-id']);
    const { id } = request.params;
    const { amount, final = false } = request.body;
    const fingerprint = createHash('sha256')
      .update(`${id}\n${JSON.stringify(request.body)}`)
      .digest('hex');
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      const outcome = await capture(client, { merchant, key, fingerprint, id, amount, final });
      await client.query(outcome.status === 200 || outcome.replay ? 'COMMIT' : 'ROLLBACK');
      return reply.code(outcome.status).type('application/json; charset=utf-8').send(outcome.body);
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  },
);

interface CaptureInput {
  merchant: string;
  key: string;
  fingerprint: string;
  id: string;
  amount: number;
  final: boolean;
}

/** Inside the caller's database transaction; a refusal's writes are rolled back by the caller. */
async function capture(
  client: PoolClient,
  input: CaptureInput,
): Promise<{ status: number; body: string; replay?: boolean }> {
  const { merchant, key, fingerprint, id, amount, final } = input;
  const claimed = await client.query({ ...CLAIM_KEY, values: [merchant, key, fingerprint] });
  if (claimed.rowCount === 0) {
    // A concurrent claim of the key was waited for by the INSERT: the stored response is committed by now.
    const stored = await client.query<{ request_fingerprint: string; status_code: number; response: string }>({
      ...STORED_RESPONSE,
      values: [merchant, key],
    });
    const row = stored.rows[0];
    if (!row || row.request_fingerprint !== fingerprint) {
      return error(422, 'duplicate_record', 'this Idempotency-Key was used with another request');
    }
    return { status: row.status_code, body: row.response, replay: true };
  }
  const updated = await client.query<TransactionRow>({ ...GUARDED_CAPTURE, values: [id, merchant, amount, final] });
  const row = updated.rows[0];
  if (!row) {
    const exists = await client.query({ ...EXISTS, values: [id, merchant] });
    return exists.rowCount === 0
      ? error(404, 'not_found', 'transaction not found')
      : error(409, 'capture_refused', 'the capture exceeds the authorized amount, or the transaction is closed');
  }
  const captureId = randomUUID();
  await client.query({ ...INSERT_CAPTURE, values: [captureId, id, amount, final] });
  const body = presentRow(row);
  await client.query({
    ...INSERT_OUTBOX,
    values: ['transaction.captured', JSON.stringify({ transaction_id: id, capture_id: captureId, amount })],
  });
  await client.query({ ...STORE_RESPONSE, values: [merchant, key, 200, body] });
  return { status: 200, body };
}

function error(status: number, code: string, message: string): { status: number; body: string } {
  return { status, body: JSON.stringify({ type: 'error', code, status, message, details: [] }) };
}

async function main(): Promise<void> {
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  process.stdout.write(`${JSON.stringify({ port: typeof address === 'object' && address ? address.port : 0 })}\n`);
  process.once('SIGTERM', () => {
    app
      .close()
      .then(() => pool.end())
      .finally(() => process.exit(0));
  });
}

main().catch((failure: unknown) => {
  console.error(failure);
  process.exit(1);
});
