import { InvalidBuyerReferenceError } from '../errors';
import { InMemoryBuyerRepository } from '../in-memory/in-memory-buyer-repository';
import { RandomIdGenerator } from '../shared/random-id-generator';
import { ManualClock } from '../shared/system-clock';
import type { ContactDetails } from './buyer';
import { ManageBuyers } from './manage-buyers';
import { ManageShippingDetails } from './manage-shipping-details';
import { ResolveTransactionBuyer, type StoredBuyerReference } from './resolve-transaction-buyer';

const contact = (firstName: string): ContactDetails => ({
  firstName,
  lastName: 'Yamada',
  emailAddress: null,
  phoneNumber: null,
  address: null,
});

async function setup() {
  const clock = new ManualClock(new Date('2026-03-01T10:00:00.000Z'));
  const deps = { buyers: new InMemoryBuyerRepository(), clock, ids: new RandomIdGenerator() };
  const buyer = await new ManageBuyers(deps).create('m-1', {
    displayName: 'Hanako Yamada',
    externalIdentifier: 'cust-1',
    accountNumber: null,
    billingDetails: null,
  });
  const resolve = new ResolveTransactionBuyer(deps);
  const named = (reference: Partial<StoredBuyerReference>, merchant = 'm-1') =>
    resolve.execute(merchant, { guestBuyer: false, ...reference });
  return { buyer, shipping: new ManageShippingDetails(deps), named };
}

const refusal = (field: string, message: string) => ({ constructor: InvalidBuyerReferenceError, field, message });

describe('the stored buyer a transaction names', () => {
  it('is none when the transaction names no buyer', async () => {
    const { named } = await setup();
    await expect(named({})).resolves.toBeUndefined();
  });

  it('is found by id or by external identifier', async () => {
    const { named, buyer } = await setup();
    await expect(named({ buyerId: buyer.id })).resolves.toEqual({ buyer, shippingDetails: undefined });
    await expect(named({ externalIdentifier: 'cust-1' })).resolves.toEqual({ buyer, shippingDetails: undefined });
  });

  it('is named one way: not by id and external identifier at once, nor beside a guest buyer', async () => {
    const { named, buyer } = await setup();
    await expect(named({ buyerId: buyer.id, externalIdentifier: 'cust-1' })).rejects.toMatchObject(
      refusal('/buyer_external_identifier', 'give buyer_id or buyer_external_identifier, not both'),
    );
    await expect(named({ buyerId: buyer.id, guestBuyer: true })).rejects.toMatchObject(
      refusal('/buyer', 'give a stored buyer (buyer_id) or a guest buyer (buyer), not both'),
    );
  });

  it('must be stored for the merchant, else the field that named it is refused', async () => {
    const { named, buyer } = await setup();
    await expect(named({ buyerId: buyer.id }, 'm-2')).rejects.toMatchObject(
      refusal('/buyer_id', `no buyer ${buyer.id} is stored for this merchant account`),
    );
    await expect(named({ externalIdentifier: 'cust-2' })).rejects.toMatchObject(
      refusal('/buyer_external_identifier', 'no buyer cust-2 is stored for this merchant account'),
    );
  });

  it('brings its only stored shipping details; with several, none unless one is named', async () => {
    const { named, buyer, shipping } = await setup();
    const first = await shipping.add('m-1', buyer.id, contact('First'));
    await expect(named({ buyerId: buyer.id })).resolves.toEqual({ buyer, shippingDetails: first });
    const second = await shipping.add('m-1', buyer.id, contact('Second'));
    await expect(named({ buyerId: buyer.id })).resolves.toEqual({ buyer, shippingDetails: undefined });
    await expect(named({ buyerId: buyer.id, shippingDetailsId: second.id })).resolves.toEqual({
      buyer,
      shippingDetails: second,
    });
  });

  it('must hold the shipping details named, and shipping details need a buyer', async () => {
    const { named, buyer } = await setup();
    const unknown = '00000000-0000-4000-8000-000000000000';
    await expect(named({ buyerId: buyer.id, shippingDetailsId: unknown })).rejects.toMatchObject(
      refusal('/shipping_details_id', 'the buyer has no such shipping details'),
    );
    await expect(named({ shippingDetailsId: unknown })).rejects.toMatchObject(
      refusal('/shipping_details_id', 'shipping_details_id needs a buyer_id'),
    );
  });
});
