import { randomUUID } from 'node:crypto';
import { SMARTPAY_CAPABILITIES } from '@kessai/domain';
import { connectPostgres } from '../connect';
import { KnexTransactionRepository } from '../repositories/knex-transaction-repository';

/**
 * The second process of the race test (race.int.spec.ts): its own connection pool, reserving captures or refunds
 * on the transaction the parent names, at the same moment as the parent. Answers which amounts it got.
 */
interface RaceOrder {
  kind: 'capture' | 'refund';
  merchantAccountId: string;
  transactionId: string;
  amounts: number[];
}

const knex = connectPostgres(process.argv[2] ?? '', { poolMax: 20 });
const repository = new KnexTransactionRepository(knex);

process.on('message', async (order: RaceOrder | 'exit') => {
  if (order === 'exit') {
    await knex.destroy();
    process.exit(0);
  }
  const results = await Promise.allSettled(
    order.amounts.map((amount) =>
      repository.update(order.merchantAccountId, order.transactionId, (tx) =>
        order.kind === 'capture'
          ? tx.reserveCapture({ captureId: randomUUID(), amount, final: false }, SMARTPAY_CAPABILITIES, new Date())
          : tx.reserveRefund({ refundId: randomUUID(), amount }, SMARTPAY_CAPABILITIES, new Date()),
      ),
    ),
  );
  process.send?.({ accepted: order.amounts.filter((_, i) => results[i]?.status === 'fulfilled') });
});
process.send?.('ready');
