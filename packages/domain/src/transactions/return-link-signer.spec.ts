import { ReturnLinkSigner } from './return-link-signer';

describe("the buyer's signed way back", () => {
  const signer = new ReturnLinkSigner(Buffer.alloc(32, 7));
  const id = '7c9e6679-7425-40de-944b-e07fc1f90ae7';

  it('verifies the signature it made for that merchant and transaction only', () => {
    const signature = signer.sign('default', id);
    expect(signer.verifies('default', id, signature)).toBe(true);
    expect(signer.verifies('other', id, signature)).toBe(false);
    expect(signer.verifies('default', '8c9e6679-7425-40de-944b-e07fc1f90ae7', signature)).toBe(false);
    expect(new ReturnLinkSigner(Buffer.alloc(32, 8)).verifies('default', id, signature)).toBe(false);
  });

  it.each([undefined, '', 'x', `${'A'.repeat(43)}`])('refuses a missing or made-up signature (%p)', (signature) => {
    expect(signer.verifies('default', id, signature)).toBe(false);
  });
});
