import { TransactionNotFoundError } from '../../errors';
import { ReturnLinkSigner } from '../return-link-signer';
import type { Transaction } from '../transaction';
import type { TransactionStatus } from '../transaction-status';
import type { BuyerReturnResult } from './buyer-return';
import { ResolveBuyerReturn } from './resolve-buyer-return';

function setup(result: { status?: TransactionStatus; redirectUrl?: string; syncError?: unknown } = {}) {
  const links = new ReturnLinkSigner(new Uint8Array(32).fill(7));
  // Only what the decision reads: the id, the status and the merchant's redirect_url.
  const transaction = {
    id: 'tx-1',
    status: result.status ?? 'authorization_succeeded',
    state: { details: { redirectUrl: result.redirectUrl ?? 'https://shop.example.jp/done' } },
  } as unknown as Transaction;
  const asked: string[] = [];
  const buyerReturn = {
    execute: async (merchantAccountId: string, transactionId: string): Promise<BuyerReturnResult> => {
      asked.push(`${merchantAccountId}:${transactionId}`);
      return 'syncError' in result ? { transaction, syncError: result.syncError } : { transaction };
    },
  };
  const command = { merchantAccountId: 'default', transactionId: 'tx-1', signature: links.sign('default', 'tx-1') };
  return { asked, command, resolve: new ResolveBuyerReturn(links, buyerReturn) };
}

describe('where a returning buyer is sent', () => {
  it("to the merchant's redirect_url, keeping its query, with the transaction's id and current status", async () => {
    const s = setup({ redirectUrl: 'https://shop.example.jp/done?order=42' });
    expect(await s.resolve.execute(s.command)).toEqual({
      location: 'https://shop.example.jp/done?order=42&transaction_id=tx-1&transaction_status=authorization_succeeded',
    });
  });

  it('nowhere without the signature Kessai gave the link: the transaction is not found and nothing is read', async () => {
    const s = setup();
    for (const signature of [undefined, '', 'forged', setup().command.signature.slice(1)])
      await expect(s.resolve.execute({ ...s.command, signature })).rejects.toBeInstanceOf(TransactionNotFoundError);
    await expect(s.resolve.execute({ ...s.command, transactionId: 'tx-2' })).rejects.toBeInstanceOf(
      TransactionNotFoundError,
    );
    expect(s.asked).toEqual([]);
  });

  it('with the stored status, and the reason, when the provider could not be asked', async () => {
    const s = setup({ status: 'buyer_approval_pending', syncError: new Error('provider down') });
    expect(await s.resolve.execute(s.command)).toEqual({
      location: 'https://shop.example.jp/done?transaction_id=tx-1&transaction_status=buyer_approval_pending',
      syncError: new Error('provider down'),
    });
  });
});
