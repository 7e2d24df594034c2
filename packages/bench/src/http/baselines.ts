import { join } from 'node:path';
import { type connectPostgres, Pool } from '@kessai/adapters-postgres';
import { TRANSACTION_SUMMARY_SQL } from '@kessai/adapters-postgres/sql';
import { rawReservation } from '../postgres/reservations';
import { startChildServer } from './child-server';
import { load } from './load';
import { rawCaptureFixture, runRawCapturePath } from './raw-capture-path';

/** The baselines of the capture and read rows: the same SQL from raw pg, and a Fastify hello-world. */
type Measure = { seconds: number; connections: number };

/** Waits (up to `limitMs`) for the API's worker to dispatch every outbox row; where the table differs, it does not. */
export async function outboxDrained(knex: ReturnType<typeof connectPostgres>, limitMs: number): Promise<void> {
  const until = Date.now() + limitMs;
  try {
    while (Date.now() < until) {
      // Rows are deleted as they are dispatched (migration 018).
      const { rows } = await knex.raw('SELECT count(*)::int AS pending FROM outbox');
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
  const fixture = await rawCaptureFixture(databaseUrl, measure.connections);
  const capture = await runRawCapturePath(fixture, measure.connections, measure.seconds);
  console.log(`  raw pg, the capture path’s SQL: ${capture.total} in ${measure.seconds} s`);
  let done = 0;
  const deadline = Date.now() + measure.seconds * 1000;
  await Promise.all(
    Array.from({ length: measure.connections }, async (_, worker) => {
      for (let n = worker; Date.now() < deadline; n += measure.connections) {
        await rawReservation(fixture.pool, fixture.ids[n % fixture.ids.length] as string);
        done++;
      }
    }),
  );
  console.log(`  raw pg, one locked reservation: ${done} in ${measure.seconds} s`);
  await fixture.close();
  return { capturePath: capture.responsesPerSecond, reservation: done / measure.seconds };
}

/** What `GET /transactions/{id}` asks PostgreSQL, from Node with nothing else. */
export async function rawReadBaseline(measure: Measure, databaseUrl: string, ids: string[]): Promise<number> {
  const pool = new Pool({ connectionString: databaseUrl, max: measure.connections });
  // The repository's own summary read, prepared as it is.
  const sql = TRANSACTION_SUMMARY_SQL;
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
