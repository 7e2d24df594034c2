import { authorizedTransaction } from '../testing/fixtures';

const now = new Date('2026-03-01T10:00:00.000Z');
const later = new Date('2026-03-01T11:00:00.000Z');

describe('Transaction: the merchant updates its references', () => {
  it('replaces the external identifier and the whole metadata map, recording what changed', () => {
    const tx = authorizedTransaction(now);
    tx.pullDecided();
    tx.updateReferences({ externalIdentifier: 'order-2', metadata: { erp: 'SO-9' } }, later);
    expect(tx.summary()).toMatchObject({ externalIdentifier: 'order-2', metadata: { erp: 'SO-9' }, updatedAt: later });
    expect(tx.pullDecided().records).toEqual([
      expect.objectContaining({
        name: 'transaction.updated',
        context: expect.objectContaining({ changed: ['external_identifier', 'metadata'] }),
      }),
    ]);
  });

  it('leaves absent fields alone and records nothing when nothing changed', () => {
    const tx = authorizedTransaction(now);
    const before = tx.summary();
    tx.pullDecided();
    tx.updateReferences({ externalIdentifier: before.externalIdentifier }, later);
    expect(tx.pullDecided().records).toEqual([]);
    expect(tx.summary()).toEqual(before);
    tx.updateReferences({ externalIdentifier: null }, later);
    expect(tx.summary()).toMatchObject({ externalIdentifier: null, metadata: before.metadata });
  });
});
