import { reconciliationIdFor } from './reconciliation-id';

describe('reconciliationIdFor', () => {
  it('is a 22-char base62 form of the UUID, stable and distinct', () => {
    const a = reconciliationIdFor('0d2b5d6c-9f0e-4a8b-9c1d-2e3f4a5b6c7d');
    expect(a).toMatch(/^[0-9A-Za-z]{22}$/);
    expect(reconciliationIdFor('0d2b5d6c-9f0e-4a8b-9c1d-2e3f4a5b6c7d')).toBe(a);
    expect(reconciliationIdFor('0d2b5d6c-9f0e-4a8b-9c1d-2e3f4a5b6c7e')).not.toBe(a);
  });
});
