/** @jest-environment jsdom */
import { act } from 'preact/test-utils';
import { References } from '../src/pages/transaction-metadata';
import { type FakeApi, fakeApi } from './fake-api';
import { type Rendered, settle, show, texts, useModalDialogs } from './render';
import { aSession } from './session-fixture';
import { aTransaction } from './transaction-fixture';

useModalDialogs();

let api: FakeApi | undefined;
let view: Rendered | undefined;
afterEach(() => {
  view?.unmount();
  view = undefined;
  api?.restore();
});

const tx = aTransaction({ external_identifier: 'order-1001', metadata: { shop: 'tokyo', channel: 'web' } });
const input = (name: string) => view?.container.querySelector<HTMLInputElement>(`input[name="${name}"]`);
async function type(name: string, value: string) {
  const field = input(name);
  if (!field) throw new Error(`no field ${name}`);
  field.value = value;
  await act(() => {
    field.dispatchEvent(new Event('input', { bubbles: true }));
  });
}
const click = (selector: string) => act(() => view?.container.querySelector<HTMLButtonElement>(selector)?.click());

describe('the references and metadata of a transaction', () => {
  it('shows the metadata to everyone and offers no editing to a viewer', async () => {
    view = await show(<References tx={tx} canWrite={false} onSaved={() => undefined} />, aSession('viewer'));
    expect(texts(view.container, '[data-metadata-key]')).toEqual(['tokyo', 'web']);
    expect(view.container.querySelector('[data-edit="references"]')).toBeNull();
  });

  it('lets an admin change, add and remove pairs and the external id, sent as one PUT that replaces the map', async () => {
    let saved = 0;
    api = fakeApi({ 'PUT /transactions/tx-1': { body: tx } });
    view = await show(<References tx={tx} canWrite onSaved={() => saved++} />, aSession());
    await click('[data-edit="references"]');
    await type('external_identifier', ' order-2002 ');
    await type('metadata_value_0', 'osaka');
    await click('.remove-pair');
    await click('[data-add="pair"]');
    await type('metadata_key_1', 'note');
    await type('metadata_value_1', '=gift wrap');
    await click('button[data-confirm]');
    await settle();
    expect(api.bodies).toEqual([
      {
        request: 'PUT /transactions/tx-1',
        body: { external_identifier: 'order-2002', metadata: { channel: 'web', note: '=gift wrap' } },
      },
    ]);
    expect(saved).toBe(1);
  });

  it('refuses at the field what the API would: a value without a key, a key used twice, one longer than 40, before asking', async () => {
    api = fakeApi({});
    view = await show(<References tx={tx} canWrite onSaved={() => undefined} />, aSession());
    await click('[data-edit="references"]');
    await type('metadata_key_1', 'shop');
    await click('[data-add="pair"]');
    await type('metadata_value_2', 'no key');
    await click('[data-add="pair"]');
    await type('metadata_key_3', 'k'.repeat(41));
    await click('button[data-confirm]');
    expect(texts(view.container, '.field-error')).toEqual([
      'This key is already used above.',
      'Give this value a key.',
      'A key can be at most 40 characters.',
    ]);
    expect(input('metadata_key_1')?.getAttribute('aria-invalid')).toBe('true');
    expect(api.requests).toEqual([]);
  });
});
