import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { FILL_TRANSACTION_ACTIVITY_SQL } from '@kessai/adapters-postgres/sql';
import { FakePaymentConnector, smartpayService } from '@kessai/domain/testing';
import { createTransactionBody } from '../../testing/requests';
import { type Kessai, startKessai } from '../../testing/start-kessai';

const BOM = '\uFEFF';
const HEADER =
  'id,created_at,created_at_japan,status,money_state,amount,captured_amount,refunded_amount,remaining_to_capture,remaining_to_refund,currency,external_identifier,buyer_email_address,smartpay_order_id';
const MB = 1024 * 1024;

/** A full collection, so a measure counts what is still held, not garbage waiting for the collector. */
function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

/** The transactions export (`GET /transactions/export.csv`) on PostgreSQL, with the fake connector. */
describe('Transactions CSV export (storage postgres)', () => {
  let api: Kessai;
  let connector: FakePaymentConnector;
  beforeAll(async () => {
    connector = new FakePaymentConnector();
    api = await startKessai({ connector, storage: 'postgres', merchants: ['default', 'other'] });
    for (const merchantAccountId of ['default', 'other'])
      await api.services.paymentServices.add(smartpayService({ merchantAccountId }));
  });
  afterAll(async () => {
    await api.close();
  }, 30_000);

  const download = async (query = '', headers: Record<string, string> = {}) => {
    const token = await api.token();
    const response = await fetch(`${api.baseUrl}/transactions/export.csv${query}`, {
      headers: { authorization: `Bearer ${token}`, ...headers },
    });
    return { response, bytes: new Uint8Array(await response.arrayBuffer()) };
  };
  const linesOf = (bytes: Uint8Array) => new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes).split('\r\n');

  it("downloads the filtered list as UTF-8 CSV with a BOM, one line per transaction, formula-like cells made text, the merchant's own only", async () => {
    const authorized = await api.call('POST', '/transactions', {
      body: createTransactionBody({
        external_identifier: '=HYPERLINK("http://evil.example")',
        amount: 5000,
        cart_items: [],
      }),
    });
    connector.approve(authorized.body.payment_service_transaction_id);
    await api.call('POST', `/transactions/${authorized.body.id}/sync`);
    await api.call('POST', `/transactions/${authorized.body.id}/capture`, { body: { amount: 3000 } });
    const body = createTransactionBody({ external_identifier: '@sum(A1)' });
    const buyer = body.buyer as { billing_details: Record<string, unknown> };
    buyer.billing_details = { ...buyer.billing_details, email_address: '+Taro@example.jp' };
    expect((await api.call('POST', '/transactions', { body })).status).toBe(201);
    await api.call('POST', '/transactions', {
      body: createTransactionBody({ external_identifier: 'theirs-1' }),
      headers: { 'x-gr4vy-merchant-account-id': 'other' },
    });

    const { response, bytes } = await download();
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="transactions.csv"');
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = linesOf(bytes);
    expect(lines[0]).toBe(`${BOM}${HEADER}`);
    expect(lines).toHaveLength(4); // header, two transactions, the empty rest after the last CRLF
    expect(lines.at(-1)).toBe('');
    const [, taro, captured] = lines;
    expect(taro).toContain(",'@sum(A1),'+Taro@example.jp,");
    expect(captured).toContain(`${authorized.body.id},`);
    expect(captured).toContain(',"\'=HYPERLINK(""http://evil.example"")",');
    expect(captured).toContain(',capture_succeeded,partially_captured,5000,3000,0,0,3000,JPY,');
    expect(bytes.length).toBeGreaterThan(0);
    expect(lines.join('\n')).not.toContain('theirs-1');

    const filtered = linesOf((await download('?search=TARO%40example')).bytes);
    expect(filtered).toHaveLength(3);
    expect(filtered[1]).toContain('@sum(A1)');
    const theirs = linesOf((await download('', { 'x-gr4vy-merchant-account-id': 'other' })).bytes);
    expect(theirs).toHaveLength(3);
    expect(theirs[1]).toContain('theirs-1');
    expect((await download('?has_settlements=true')).bytes.length).toBe(`${BOM}${HEADER}\r\n`.length + 2);
    expect((await download('?amount_gte=ten')).response.status).toBe(400);
  });

  it('streams 100,000 transactions page by page: the API process does not hold the export in memory', async () => {
    const database = api.database;
    if (!database) throw new Error('storage postgres has a database');
    const columns: string[] = await database
      .knex('information_schema.columns')
      .where({ table_name: 'transactions', table_schema: 'public' })
      .pluck('column_name');
    const copied = columns.map((column) => {
      if (column === 'id') return 'gen_random_uuid()';
      if (column === 'external_identifier') return "'bulk-' || n";
      if (column === 'updated_at' || column === 'created_at') return `${column} - n * interval '1 second'`;
      return column;
    });
    const seed = await api.call('POST', '/transactions', {
      body: createTransactionBody({ external_identifier: 'bulk-seed' }),
      headers: { 'x-gr4vy-merchant-account-id': 'other' },
    });
    await database.knex.raw(
      `INSERT INTO transactions (${columns.join(', ')})
       SELECT ${copied.join(', ')} FROM transactions, generate_series(1, 100000) AS n WHERE id = ?`,
      [seed.body.id],
    );
    await database.knex.raw(FILL_TRANSACTION_ACTIVITY_SQL);

    const count = Number(
      (await database.knex('transactions').where({ merchant_account_id: 'other' }).count({ n: '*' }))[0]?.n,
    );
    expect(count).toBeGreaterThan(100_000);
    const token = await api.token();
    collectGarbage();
    const before = process.memoryUsage();
    let peak = { rss: before.rss, heapUsed: before.heapUsed };
    const sample = () => {
      collectGarbage();
      const now = process.memoryUsage();
      peak = { rss: Math.max(peak.rss, now.rss), heapUsed: Math.max(peak.heapUsed, now.heapUsed) };
    };
    const response = await fetch(`${api.baseUrl}/transactions/export.csv`, {
      headers: { authorization: `Bearer ${token}`, 'x-gr4vy-merchant-account-id': 'other' },
    });
    expect(response.status).toBe(200);
    let lineBreaks = 0;
    let chunks = 0;
    const reader = response.body?.getReader();
    for (let read = await reader?.read(); read && !read.done; read = await reader?.read()) {
      for (const byte of read.value) if (byte === 0x0a) lineBreaks++;
      if (++chunks % 256 === 0) sample();
    }
    sample();

    expect(lineBreaks).toBe(1 + count); // the header, then a line each
    expect(chunks).toBeGreaterThan(100);
    expect(peak.heapUsed - before.heapUsed).toBeLessThan(64 * MB);
    expect(peak.rss - before.rss).toBeLessThan(128 * MB);
  }, 300_000);
});
