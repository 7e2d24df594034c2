import { API_SCOPES, grants, withinCeiling } from './api-key-scopes';

describe('API key scopes', () => {
  it('are a read and a write scope per resource, and the two wildcards', () => {
    expect(API_SCOPES).toContain('*.read');
    expect(API_SCOPES).toContain('transactions.write');
    expect(API_SCOPES).toContain('reconciliation.read');
    expect(API_SCOPES).toHaveLength(14);
  });

  it('are granted by themselves or by the wildcard of their own access, never by the other access', () => {
    expect(grants(['transactions.read'], 'transactions.read')).toBe(true);
    expect(grants(['*.read'], 'buyers.read')).toBe(true);
    expect(grants(['*.write'], 'buyers.read')).toBe(false);
    expect(grants(['transactions.read'], 'buyers.read')).toBe(false);
  });

  it('of a token are bounded by its key’s: what the key does not grant is dropped', () => {
    expect(withinCeiling(['transactions.read', 'transactions.write'], ['transactions.read'])).toEqual([
      'transactions.read',
    ]);
    expect(withinCeiling(['buyers.read'], ['*.read'])).toEqual(['buyers.read']);
  });

  it('narrow a claimed wildcard to the key’s scopes of that access', () => {
    expect(withinCeiling(['*.read', '*.write'], ['transactions.read', 'buyers.read'])).toEqual([
      'transactions.read',
      'buyers.read',
    ]);
    expect(withinCeiling(['*.write'], ['transactions.read'])).toEqual([]);
  });

  it('of a key made without scopes are not bounded', () => {
    expect(withinCeiling(['*.read', '*.write'], null)).toEqual(['*.read', '*.write']);
  });
});
