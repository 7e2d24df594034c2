import { BuyerExternalIdentifierTakenError, BuyerNotFoundError } from '../errors';
import { InMemoryBuyerRepository } from '../in-memory/in-memory-buyer-repository';
import { RandomIdGenerator } from '../shared/random-id-generator';
import { ManualClock } from '../shared/system-clock';
import { type BuyerDetails, ManageBuyers } from './manage-buyers';

const details = (overrides: Partial<BuyerDetails> = {}): BuyerDetails => ({
  displayName: 'Hanako Yamada',
  externalIdentifier: null,
  accountNumber: null,
  billingDetails: null,
  ...overrides,
});

function setup() {
  const clock = new ManualClock(new Date('2026-03-01T10:00:00.000Z'));
  const buyers = new InMemoryBuyerRepository();
  return { clock, buyers, manage: new ManageBuyers({ buyers, clock, ids: new RandomIdGenerator() }) };
}

describe('a merchant’s buyers', () => {
  it('are stored with the details given, stamped with the time they were made', async () => {
    const { manage } = setup();
    const buyer = await manage.create('m-1', details({ externalIdentifier: 'cust-1' }));
    expect(buyer).toMatchObject({
      merchantAccountId: 'm-1',
      externalIdentifier: 'cust-1',
      displayName: 'Hanako Yamada',
    });
    expect(buyer.createdAt).toEqual(new Date('2026-03-01T10:00:00.000Z'));
    expect(await manage.get('m-1', buyer.id)).toEqual(buyer);
  });

  it('cannot share an external identifier within a merchant; the refusal names the buyer that holds it', async () => {
    const { manage } = setup();
    const holder = await manage.create('m-1', details({ externalIdentifier: 'cust-1' }));
    const refused = manage.create('m-1', details({ externalIdentifier: 'cust-1' }));
    await expect(refused).rejects.toBeInstanceOf(BuyerExternalIdentifierTakenError);
    await expect(refused).rejects.toMatchObject({ holderId: holder.id });
  });

  it('may use an external identifier another merchant uses', async () => {
    const { manage } = setup();
    await manage.create('m-1', details({ externalIdentifier: 'cust-1' }));
    await expect(manage.create('m-2', details({ externalIdentifier: 'cust-1' }))).resolves.toBeDefined();
  });

  it('of many made at once with one external identifier, exactly one is stored', async () => {
    const { manage } = setup();
    const outcomes = await Promise.allSettled(
      Array.from({ length: 25 }, () => manage.create('m-1', details({ externalIdentifier: 'cust-1' }))),
    );
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    expect((await manage.list('m-1', { limit: 100 })).items).toHaveLength(1);
  });

  it('change the fields given, clear those given as null, and keep the rest', async () => {
    const { manage, clock } = setup();
    const buyer = await manage.create('m-1', details({ externalIdentifier: 'cust-1', accountNumber: 'A-1' }));
    clock.advance(1_000);
    const updated = await manage.update('m-1', buyer.id, { displayName: 'H. Yamada', accountNumber: null });
    expect(updated).toEqual({
      ...buyer,
      displayName: 'H. Yamada',
      accountNumber: null,
      updatedAt: new Date('2026-03-01T10:00:01.000Z'),
    });
    expect(await manage.get('m-1', buyer.id)).toEqual(updated);
  });

  it('cannot take another buyer’s external identifier on update, and may keep their own', async () => {
    const { manage } = setup();
    const holder = await manage.create('m-1', details({ externalIdentifier: 'cust-1' }));
    const other = await manage.create('m-1', details({ externalIdentifier: 'cust-2' }));
    await expect(manage.update('m-1', other.id, { externalIdentifier: 'cust-1' })).rejects.toMatchObject({
      holderId: holder.id,
    });
    await expect(manage.update('m-1', holder.id, { externalIdentifier: 'cust-1' })).resolves.toBeDefined();
  });

  it('of another merchant are not found: not read, changed or removed', async () => {
    const { manage } = setup();
    const buyer = await manage.create('m-1', details());
    await expect(manage.get('m-2', buyer.id)).rejects.toBeInstanceOf(BuyerNotFoundError);
    await expect(manage.update('m-2', buyer.id, { displayName: 'x' })).rejects.toBeInstanceOf(BuyerNotFoundError);
    await expect(manage.remove('m-2', buyer.id)).rejects.toBeInstanceOf(BuyerNotFoundError);
    expect(await manage.get('m-1', buyer.id)).toEqual(buyer);
  });

  it('once removed are not found, and removing again fails as not found', async () => {
    const { manage } = setup();
    const buyer = await manage.create('m-1', details());
    await manage.remove('m-1', buyer.id);
    await expect(manage.get('m-1', buyer.id)).rejects.toBeInstanceOf(BuyerNotFoundError);
    await expect(manage.remove('m-1', buyer.id)).rejects.toBeInstanceOf(BuyerNotFoundError);
  });
});
