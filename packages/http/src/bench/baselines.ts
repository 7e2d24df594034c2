import { join } from 'node:path';
import {
  connectPostgres,
  KnexTransactionRepository,
  type KnownStates,
  migrate,
  Pool,
  rawReservation,
} from '@kessai/adapters-postgres';
import { authorizedTransaction } from '@kessai/domain/testing';
import { startChildServer } from './child-server';
import { load } from './load';
import { rawCapturePath } from './raw-capture-path';

/** The baselines of the capture and read rows: the same SQL from raw pg, and a Fastify hello-world. */
type Measure = { seconds: number; connections: number };

/** Waits (up to `limitMs`) for the API's worker to dispatch every outbox row; where the table differs, it does not. */
export async function outboxDrained(knex: ReturnType<typeof connectPostgres>, limitMs: number): Promise<void> {
  const until = Date.now() + limitMs;
  try {
    while (Date.now() < until) {
      const { rows } = await knex.raw('SELECT count(*)::int AS pending FROM outbox WHERE dispatched_at IS NULL');
      if ((rows as Array<{ pending: number }>)[0]?.pending === 0) return;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  } catch {
    // Another outbox shape: the fixed wait after this is all there is.
  }
}

/**
 * Raw pg from Node, no framework: the capture path's own SQL, and (for comparison) one reservation, in a database
 * of its own on the same server (migrated here).
 */
export async function rawBaseline(
  measure: Measure,
  databaseUrl: string,
): Promise<{ capturePath: number; reservation: number }> {
  const knex = connectPostgres(databaseUrl, { poolMax: 4 });
  await migrate(knex);
  const repository = new KnexTransactionRepository(knex);
  const ids: string[] = [];
  for (let n = 0; n < 500; n++) {
    const tx = authorizedTransaction(new Date(), { merchantAccountId: 'bench', amount: 99_999_999 });
    await repository.add(tx);
    ids.push(tx.id);
  }
  await knex.destroy();
  const pool = new Pool({ connectionString: databaseUrl, max: measure.connections });
  const run = async (label: string, step: (id: string) => Promise<unknown>) => {
    let done = 0;
    const deadline = Date.now() + measure.seconds * 1000;
    const progress = setInterval(() => process.stdout.write(`\r  ${label}: ${done}…`), 500);
    await Promise.all(
      Array.from({ length: measure.connections }, async (_, worker) => {
        for (let n = worker; Date.now() < deadline; n += measure.connections) {
          await step(ids[n % ids.length] as string);
          done++;
        }
      }),
    );
    clearInterval(progress);
    process.stdout.write(`\r  ${label}: ${done} in ${measure.seconds} s\n`);
    return done / measure.seconds;
  };
  // Warm, as the API's repository is: it remembers the state it last wrote of each transaction.
  const known: KnownStates = new Map();
  for (const id of ids) await rawReservation(pool, id, 'bench', known);
  const capturePath = await run('raw pg, the capture path’s SQL', (id) => rawCapturePath(pool, id, 'bench', known));
  const reservation = await run('raw pg, one locked reservation', (id) => rawReservation(pool, id));
  await pool.end();
  return { capturePath, reservation };
}

/** What `GET /transactions/{id}` asks PostgreSQL, from Node with nothing else. */
export async function rawReadBaseline(measure: Measure, databaseUrl: string, ids: string[]): Promise<number> {
  const pool = new Pool({ connectionString: databaseUrl, max: measure.connections });
  // Prepared, as the repository's read is.
  const sql = `SELECT t.*,
     COALESCE((SELECT json_agg(c ORDER BY c.position) FROM captures c WHERE c.transaction_id = t.id), '[]') AS captures_json,
     COALESCE((SELECT json_agg(r ORDER BY r.position) FROM refunds r WHERE r.transaction_id = t.id), '[]') AS refunds_json
   FROM transactions t WHERE t.id = $1 AND t.merchant_account_id = $2 LIMIT 1`;
  let done = 0;
  const deadline = Date.now() + measure.seconds * 1000;
  await Promise.all(
    Array.from({ length: measure.connections }, async (_, worker) => {
      for (let n = worker; Date.now() < deadline; n += measure.connections) {
        await pool.query({ name: 'raw_read', text: sql, values: [ids[n % ids.length], 'default'] });
        done++;
      }
    }),
  );
  await pool.end();
  console.log(`  raw pg, the read path's query: ${done} in ${measure.seconds} s`);
  return done / measure.seconds;
}

export async function helloWorld(measure: Measure): Promise<number> {
  const hello = await startChildServer<{ port: number }>(join(__dirname, 'bench-server.js'), ['hello'], {});
  const result = await load({
    label: 'Fastify hello-world',
    url: `http://127.0.0.1:${hello.info.port}`,
    connections: measure.connections,
    seconds: measure.seconds,
  });
  await hello.stop();
  return result.requestsPerSecond;
}
