import { Client } from 'pg';
import { useTestDatabase } from '../testing/test-database';
import type { PgConnection } from './pooled-connection';
import { ServerStatementMissedError, ServerStatements, sendPreparedThroughPooler } from './pooler-prepared-statements';

/** A value of each kind a repository binds, and the text node-postgres would send for it. */
const KINDS = {
  text: `O'Reilly "q" \\ back\\slash $1 ? -- ; 日本語 🎌`,
  int: 42,
  at: new Date('2026-12-07T21:40:00.123Z'),
  json: { note: "it's", nested: [1, 'two', null] },
  bytes: Buffer.from([0, 1, 2, 254, 255]),
  flag: true,
  nothing: null,
  list: [3, 1, 2],
};
const TYPED = `SELECT $1::text AS text, $2::int AS int, $3::timestamptz AS at, $4::jsonb AS json, $5::bytea AS bytes,
  $6::boolean AS flag, $7::text AS nothing, $8::int[] AS list`;

describe('statements prepared through a transaction pooler (SQL PREPARE where they run)', () => {
  const database = useTestDatabase();
  const clients: Client[] = [];
  const serverConnection = async () => {
    const client = new Client({ connectionString: database().connectionString });
    await client.connect();
    clients.push(client);
    return client;
  };
  const preparedOn = async (client: Client) =>
    (await client.query<{ name: string }>('SELECT name FROM pg_prepared_statements ORDER BY name')).rows.map(
      (row) => row.name,
    );
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((client) => client.end()));
  });

  it('answers as the unnamed statement does for values of every kind, prepared once on the server connection', async () => {
    const client = await serverConnection();
    const values = Object.values(KINDS);
    const unnamed = (await client.query({ text: TYPED, values })).rows;
    expect(await sendPreparedThroughPooler(client, { text: TYPED, values, name: 'ignored' })).toEqual(unnamed);
    expect(await sendPreparedThroughPooler(client, { text: TYPED, values, name: 'ignored' })).toEqual(unnamed);
    expect(unnamed).toEqual([{ ...KINDS, at: KINDS.at, list: [3, 1, 2] }]);
    const names = await preparedOn(client);
    expect(names).toEqual([expect.stringMatching(/^kessai_[0-9a-f]{32}$/)]);
  });

  it('names a statement after its text: the same text from another process finds it, another text does not', async () => {
    const one = await serverConnection();
    await sendPreparedThroughPooler(one, { text: 'SELECT $1::int + 1 AS n', values: [1], name: 'a' });
    const [name] = await preparedOn(one);
    // As another process of another version would, behind the same pooler on the same server connection.
    expect(await sendPreparedThroughPooler(one, { text: 'SELECT $1::int + 1 AS n', values: [2], name: 'b' })).toEqual([
      { n: 3 },
    ]);
    expect(await sendPreparedThroughPooler(one, { text: 'SELECT $1::int + 2 AS n', values: [2], name: 'a' })).toEqual([
      { n: 4 },
    ]);
    const names = await preparedOn(one);
    expect(names).toHaveLength(2);
    expect(names).toContain(name);
  });

  it('answers right when the pooler hands each query to the other server connection (missing there, or made there already)', async () => {
    const servers = [await serverConnection(), await serverConnection()];
    let turn = 0;
    const handed: number[] = [];
    // Each query to the next server connection in turn, as a transaction pooler may.
    const pooled: PgConnection = {
      query: ((...args: Parameters<Client['query']>) => {
        const index = turn++ % servers.length;
        handed.push(index);
        return (servers[index] as Client).query(...(args as unknown as [string]));
      }) as PgConnection['query'],
    };
    for (let n = 0; n < 6; n++)
      expect(
        await sendPreparedThroughPooler(pooled, { text: 'SELECT $1::int * 2 AS n', values: [n], name: 'x' }),
      ).toEqual([{ n: n * 2 }]);
    // The worst pooler: the one that prepared it is never the one asked next. Right answers still, a name once.
    expect(await preparedOn(servers[0] as Client)).toEqual([]);
    expect(await preparedOn(servers[1] as Client)).toEqual([expect.stringMatching(/^kessai_/)]);
    expect(handed.length).toBeGreaterThan(6);
  });

  it('fails as the statement does: an error of its own is thrown, not retried', async () => {
    const client = await serverConnection();
    await expect(
      sendPreparedThroughPooler(client, { text: 'SELECT 1 / $1::int AS n', values: [0], name: 'x' }),
    ).rejects.toMatchObject({ code: '22012' });
    await expect(
      sendPreparedThroughPooler(client, { text: 'SELECT nothing_here($1::int)', values: [0], name: 'x' }),
    ).rejects.toMatchObject({ code: '42883' });
  });

  it('inside a transaction: prepares where the backend lacks it, executes where it was seen, and commits in the same query', async () => {
    const client = await serverConnection();
    await client.query('CREATE TABLE IF NOT EXISTS committed (n int)');
    const backend = (await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]?.pid ?? 0;
    const known = new ServerStatements();
    const insert = { text: 'INSERT INTO committed (n) VALUES ($1)', name: 'x' };
    for (const n of [1, 2]) {
      await client.query('BEGIN');
      await known.executeAndCommit(client, backend, { ...insert, values: [n] });
    }
    expect(await preparedOn(client)).toHaveLength(1);
    // Committed: another connection sees both rows.
    const reader = await serverConnection();
    expect((await reader.query('SELECT n FROM committed ORDER BY n')).rows).toEqual([{ n: 1 }, { n: 2 }]);
  });

  it('inside a transaction: a belief proved wrong writes nothing, is corrected, and the next attempt goes through', async () => {
    const client = await serverConnection();
    await client.query('CREATE TEMP TABLE written (n int)');
    const backend = (await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]?.pid ?? 0;
    const other = new ServerStatements();
    const mine = new ServerStatements();
    const insert = { text: 'INSERT INTO written (n) VALUES ($1)', name: 'x' };
    // Another process prepared it on this backend first.
    await client.query('BEGIN');
    await other.executeAndCommit(client, backend, { ...insert, values: [1] });
    await client.query('BEGIN');
    await expect(mine.executeAndCommit(client, backend, { ...insert, values: [2] })).rejects.toBeInstanceOf(
      ServerStatementMissedError,
    );
    await client.query('ROLLBACK');
    await client.query('BEGIN');
    await mine.executeAndCommit(client, backend, { ...insert, values: [3] });
    // A new backend took the pid: what was prepared went with the old one.
    await client.query('DEALLOCATE ALL');
    await client.query('BEGIN');
    await expect(mine.executeAndCommit(client, backend, { ...insert, values: [4] })).rejects.toBeInstanceOf(
      ServerStatementMissedError,
    );
    await client.query('ROLLBACK');
    await client.query('BEGIN');
    await mine.executeAndCommit(client, backend, { ...insert, values: [5] });
    expect((await client.query('SELECT n FROM written ORDER BY n')).rows).toEqual([{ n: 1 }, { n: 3 }, { n: 5 }]);
  });
});
