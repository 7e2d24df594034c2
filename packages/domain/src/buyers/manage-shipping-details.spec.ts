import { BuyerNotFoundError, ShippingDetailsNotFoundError } from '../errors';
import { InMemoryBuyerRepository } from '../in-memory/in-memory-buyer-repository';
import { RandomIdGenerator } from '../shared/random-id-generator';
import { ManualClock } from '../shared/system-clock';
import type { ContactDetails } from './buyer';
import { ManageBuyers } from './manage-buyers';
import { ManageShippingDetails } from './manage-shipping-details';

const address = {
  line1: '1-1 Chiyoda',
  line2: null,
  city: 'Chiyoda-ku',
  state: 'Tokyo',
  postalCode: '100-0001',
  country: 'JP',
};
const contact = (overrides: Partial<ContactDetails> = {}): ContactDetails => ({
  firstName: 'Hanako',
  lastName: 'Yamada',
  emailAddress: 'hanako@example.com',
  phoneNumber: null,
  address,
  ...overrides,
});

async function setup() {
  const clock = new ManualClock(new Date('2026-03-01T10:00:00.000Z'));
  const deps = { buyers: new InMemoryBuyerRepository(), clock, ids: new RandomIdGenerator() };
  const buyers = new ManageBuyers(deps);
  const buyer = await buyers.create('m-1', {
    displayName: 'Hanako Yamada',
    externalIdentifier: null,
    accountNumber: null,
    billingDetails: null,
  });
  return { clock, buyers, buyer, shipping: new ManageShippingDetails(deps) };
}

describe('a buyer’s shipping details', () => {
  it('are stored for the buyer with the contact given, stamped with the time they were made', async () => {
    const { shipping, buyer } = await setup();
    const added = await shipping.add('m-1', buyer.id, contact());
    expect(added).toMatchObject({ ...contact(), buyerId: buyer.id, merchantAccountId: 'm-1' });
    expect(added.createdAt).toEqual(new Date('2026-03-01T10:00:00.000Z'));
    expect(await shipping.get('m-1', buyer.id, added.id)).toEqual(added);
  });

  it('are listed oldest first', async () => {
    const { shipping, buyer, clock } = await setup();
    const first = await shipping.add('m-1', buyer.id, contact({ firstName: 'First' }));
    clock.advance(1_000);
    const second = await shipping.add('m-1', buyer.id, contact({ firstName: 'Second' }));
    expect(await shipping.list('m-1', buyer.id)).toEqual([first, second]);
  });

  it('change the fields given, clear those given as null, replace the address whole, and keep the rest', async () => {
    const { shipping, buyer, clock } = await setup();
    const added = await shipping.add('m-1', buyer.id, contact({ phoneNumber: '+819012345678' }));
    clock.advance(1_000);
    const moved = { ...address, line1: '2-2 Minato', line2: null, city: 'Minato-ku' };
    const updated = await shipping.update('m-1', buyer.id, added.id, {
      lastName: 'Suzuki',
      phoneNumber: null,
      address: moved,
    });
    expect(updated).toEqual({
      ...added,
      lastName: 'Suzuki',
      phoneNumber: null,
      address: moved,
      updatedAt: new Date('2026-03-01T10:00:01.000Z'),
    });
    expect(await shipping.get('m-1', buyer.id, added.id)).toEqual(updated);
  });

  it('once removed are not found, and removing again fails as not found', async () => {
    const { shipping, buyer } = await setup();
    const added = await shipping.add('m-1', buyer.id, contact());
    await shipping.remove('m-1', buyer.id, added.id);
    await expect(shipping.get('m-1', buyer.id, added.id)).rejects.toBeInstanceOf(ShippingDetailsNotFoundError);
    await expect(shipping.remove('m-1', buyer.id, added.id)).rejects.toBeInstanceOf(ShippingDetailsNotFoundError);
    expect(await shipping.list('m-1', buyer.id)).toEqual([]);
  });

  it('of a buyer that is not the merchant’s answer that the buyer is not found, before any details', async () => {
    const { shipping, buyer } = await setup();
    const added = await shipping.add('m-1', buyer.id, contact());
    const calls = [
      shipping.add('m-2', buyer.id, contact()),
      shipping.list('m-2', buyer.id),
      shipping.get('m-2', buyer.id, added.id),
      shipping.update('m-2', buyer.id, added.id, { firstName: 'x' }),
      shipping.remove('m-2', buyer.id, added.id),
      shipping.get('m-1', '00000000-0000-4000-8000-000000000000', added.id),
    ];
    for (const call of calls) await expect(call).rejects.toBeInstanceOf(BuyerNotFoundError);
    expect(await shipping.list('m-1', buyer.id)).toEqual([added]);
  });

  it('of another buyer of the merchant are not found under this one', async () => {
    const { shipping, buyers, buyer } = await setup();
    const other = await buyers.create('m-1', {
      displayName: 'Taro',
      externalIdentifier: null,
      accountNumber: null,
      billingDetails: null,
    });
    const theirs = await shipping.add('m-1', other.id, contact());
    await expect(shipping.get('m-1', buyer.id, theirs.id)).rejects.toMatchObject({
      message: `shipping details ${theirs.id} were not found`,
    });
  });

  it('cannot be added to a removed buyer', async () => {
    const { shipping, buyers, buyer } = await setup();
    await buyers.remove('m-1', buyer.id);
    await expect(shipping.add('m-1', buyer.id, contact())).rejects.toBeInstanceOf(BuyerNotFoundError);
  });
});
