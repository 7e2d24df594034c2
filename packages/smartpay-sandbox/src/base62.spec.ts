import { base62Decode, base62Encode, SMARTPAY_BASE62_ALPHABET } from './base62';

describe('base62 (Smartpay alphabet A–Z a–z 0–9, base-x semantics)', () => {
  it('maps A=0, a=26, 0=52', () => {
    expect(base62Decode('B')).toEqual(Buffer.from([1]));
    expect(base62Decode('a')).toEqual(Buffer.from([26]));
    expect(base62Decode('0')).toEqual(Buffer.from([52]));
    expect(base62Decode('BA')).toEqual(Buffer.from([62]));
  });

  it('turns each leading A into a leading zero byte', () => {
    expect(base62Decode('A')).toEqual(Buffer.from([0]));
    expect(base62Decode('AAB')).toEqual(Buffer.from([0, 0, 1]));
    expect(base62Encode(Buffer.from([0, 0, 1]))).toBe('AAB');
  });

  it('decodes a 40-character secret to 30 bytes', () => {
    expect(base62Decode('gybcsjixKyBW2d4z6iNPlaYzHUMtawnodwZt3W0q')).toHaveLength(30);
  });

  it('round-trips arbitrary bytes', () => {
    for (const hex of ['', '00', 'ff', '0001ff', 'deadbeefcafebabe0000', '000000ffffff']) {
      const bytes = Buffer.from(hex, 'hex');
      expect(base62Decode(base62Encode(bytes))).toEqual(bytes);
    }
  });

  it('refuses characters outside the alphabet', () => {
    expect(() => base62Decode('abc-')).toThrow(/Invalid base62 character/);
    expect(SMARTPAY_BASE62_ALPHABET).toHaveLength(62);
  });
});
