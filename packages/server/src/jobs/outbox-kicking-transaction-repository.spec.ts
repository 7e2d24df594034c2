import type { Transaction, TransactionRepository } from '@kessai/domain';
import { OutboxKickingTransactionRepository } from './outbox-kicking-transaction-repository';

/** Storage whose every method answers nothing, or fails; what the decorator forwards is what matters here. */
function storage(fails = false): TransactionRepository {
  return new Proxy({} as TransactionRepository, {
    get: () => async () => {
      if (fails) throw new Error('storage refused');
      return undefined;
    },
  });
}
const transaction = {} as Transaction;

describe('OutboxKickingTransactionRepository', () => {
  it('kicks the outbox dispatcher after each committed write, and never after a read', async () => {
    let kicks = 0;
    const repository = new OutboxKickingTransactionRepository(storage(), { kick: () => kicks++ });
    await repository.add(transaction);
    await repository.get('default', 't');
    await repository.list('default', { limit: 10 });
    await repository.listEvents('default', 't', { limit: 20 });
    await repository.findRefund('default', 'r');
    await repository.findUnresolved(new Date(), 10);
    expect(kicks).toBe(1);
    await repository.update('default', 't', () => undefined);
    expect(kicks).toBe(2);
  });

  it('does not kick when the write fails', async () => {
    let kicks = 0;
    const repository = new OutboxKickingTransactionRepository(storage(true), { kick: () => kicks++ });
    await expect(repository.add(transaction)).rejects.toThrow('storage refused');
    await expect(repository.update('default', 't', () => undefined)).rejects.toThrow('storage refused');
    expect(kicks).toBe(0);
  });
});
