import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The buyer's way back from the provider's page is signed for its one transaction: without the signature, anyone
 * holding a transaction id could bounce a browser off Kessai to the merchant's redirect_url (an open redirect).
 */
export class ReturnLinkSigner {
  constructor(private readonly key: Uint8Array) {}

  sign(merchantAccountId: string, transactionId: string): string {
    return createHmac('sha256', this.key).update(`${merchantAccountId}\n${transactionId}`).digest('base64url');
  }

  verifies(merchantAccountId: string, transactionId: string, signature: string | undefined): boolean {
    const expected = Buffer.from(this.sign(merchantAccountId, transactionId));
    const given = Buffer.from(signature ?? '');
    return given.length === expected.length && timingSafeEqual(given, expected);
  }
}
