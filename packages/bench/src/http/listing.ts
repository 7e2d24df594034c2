import { connectPostgres, KnexApiKeyRegistry, rebuildTransactionFigures } from '@kessai/adapters-postgres';
import { FILL_TRANSACTION_ACTIVITY_SQL } from '@kessai/adapters-postgres/sql';
import { registerNewKey, signToken } from '@kessai/api';
import { load } from './load';

/** Cursor listing p99 over a merchant with `count` transactions, inserted in bulk first. */
type Knex = ReturnType<typeof connectPostgres>;

/** A merchant of `count` bulk-inserted transactions, one a second back from now, and a read token for it. */
export interface ScaledMerchant {
  merchant: string;
  count: number;
  /** Headers that read as that merchant: its own key's token and the merchant header. */
  headers: Record<string, string>;
}

export async function scaledMerchant(
  knex: Knex | undefined,
  merchant: string,
  count: number,
  serviceId: string,
): Promise<ScaledMerchant> {
  if (!knex) throw new Error('listing needs PostgreSQL');
  const person = JSON.stringify({
    firstName: 'H',
    lastName: 'Y',
    emailAddress: 'h@example.jp',
    address: { line1: '1', city: 'C', state: 'S', postalCode: '1', country: 'JP' },
  });
  process.stdout.write(`  inserting ${count} transactions for ${merchant}…`);
  for (let from = 1; from <= count; from += 200_000) {
    await knex.raw(
      `INSERT INTO transactions (id, merchant_account_id, reconciliation_id, payment_service_id, connector, intent, status, amount, currency,
         country, payment_method, redirect_url, billing_details, shipping_details, cart_items, metadata, capture_closed, authorized_amount,
         reserved_capture_amount, captured_amount, reserved_refund_amount, refunded_amount, created_at, updated_at, version, event_count)
       SELECT gen_random_uuid(), ?, 'r' || g, ?, 'smartpay', 'authorize', 'buyer_approval_pending', 1000 + g % 1000, 'JPY', 'JP', 'smartpay',
         'https://shop.example.jp', ?::jsonb, ?::jsonb, '[]', '{}', false, 0, 0, 0, 0, 0,
         now() - g * interval '1 second', now() - g * interval '1 second', 1, 0
       FROM generate_series(?::int, ?::int) g`,
      [merchant, serviceId, person, person, from, Math.min(count, from + 199_999)],
    );
  }
  // Inserted around the repository: their activity rows and the overview's rollup are filled from them, as
  // migrations 017 and 020 do.
  await knex.raw(FILL_TRANSACTION_ACTIVITY_SQL);
  await rebuildTransactionFigures(knex, merchant);
  // VACUUM too: autovacuum would otherwise visit the million new rows (visibility map, freezing: hundreds of MB
  // of WAL and a core's worth of CPU) during the sections that follow, billing their rows for this seed.
  await knex.raw('VACUUM (ANALYZE) transactions, transaction_activity, transaction_figures');
  process.stdout.write(' done\n');
  const keys = await registerNewKey(new KnexApiKeyRegistry(knex), [merchant]);
  const token = await signToken(keys.privateJwk, { scopes: ['transactions.read'] });
  return { merchant, count, headers: { authorization: `Bearer ${token}`, 'x-gr4vy-merchant-account-id': merchant } };
}

export async function listingP99(
  seconds: number,
  api: string,
  headers: Record<string, string>,
  scaled: ScaledMerchant,
): Promise<number> {
  const first = (await (await fetch(`${api}/transactions?limit=20`, { headers: scaled.headers })).json()) as {
    next_cursor: string;
  };
  const deep = `/transactions?limit=20&cursor=${first.next_cursor}`;
  let n = 0;
  const result = await load({
    label: `GET /transactions (cursor pages) at ${scaled.count}`,
    url: api,
    connections: 10,
    seconds: Math.max(3, seconds / 2),
    headers: { ...headers, ...scaled.headers },
    setupRequest: (request) => ({ ...request, path: n++ % 2 ? deep : '/transactions?limit=20' }),
  });
  return result.p99;
}
