import { TransactionNotFoundError } from '../../errors';
import type { ReturnLinkSigner } from '../return-link-signer';
import type { BuyerReturn } from './buyer-return';

export interface BuyerReturnCommand {
  merchantAccountId: string;
  transactionId: string;
  /** The signature the return link carried, if any. */
  signature: string | undefined;
}

export interface BuyerReturnRedirect {
  /** The merchant's redirect_url with the transaction's id and current status added. */
  location: string;
  /** Why the provider could not be asked; the stored status was used. */
  syncError?: unknown;
}

/**
 * Where a buyer coming back from the provider's page is sent: to the merchant's `redirect_url` with the real
 * `transaction_id` and `transaction_status` (Gr4vy's way), the status as `BuyerReturn` finds it. Only the link
 * Kessai signed leads on: an id alone is no way to the merchant's redirect_url, so anything else is not found.
 */
export class ResolveBuyerReturn {
  constructor(
    private readonly links: Pick<ReturnLinkSigner, 'verifies'>,
    private readonly buyerReturn: Pick<BuyerReturn, 'execute'>,
  ) {}

  async execute(command: BuyerReturnCommand): Promise<BuyerReturnRedirect> {
    const { merchantAccountId, transactionId } = command;
    if (!this.links.verifies(merchantAccountId, transactionId, command.signature))
      throw new TransactionNotFoundError(`transaction ${transactionId} was not found`);
    const { transaction, syncError } = await this.buyerReturn.execute(merchantAccountId, transactionId);
    const target = new URL(transaction.state.details.redirectUrl);
    target.searchParams.set('transaction_id', transaction.id);
    target.searchParams.set('transaction_status', transaction.status);
    return syncError === undefined ? { location: target.toString() } : { location: target.toString(), syncError };
  }
}
