import { InvalidEmbedOriginError } from '../errors';
import { MAX_EMBED_ORIGINS, parseEmbedOrigin, parseEmbedOrigins } from './embed-origin';

describe('an embed origin', () => {
  it('is a scheme, host and port as browsers send it', () => {
    expect(parseEmbedOrigin('https://shop.example.jp', '/origins/0')).toBe('https://shop.example.jp');
    expect(parseEmbedOrigin('https://shop.example.jp:8443/', '/origins/0')).toBe('https://shop.example.jp:8443');
    expect(parseEmbedOrigin('http://localhost:8080', '/origins/0')).toBe('http://localhost:8080');
  });

  it.each([
    'http://shop.example.jp',
    'https://shop.example.jp/checkout',
    'https://*.example.jp',
    'https://user:pw@shop.example.jp',
    'shop.example.jp',
    'null',
  ])('refuses %s', (raw) => {
    expect(() => parseEmbedOrigin(raw, '/origins/0')).toThrow(InvalidEmbedOriginError);
  });

  it('lists are de-duplicated, bounded, and name the bad entry', () => {
    expect(parseEmbedOrigins(['https://a.example', 'https://a.example/'])).toEqual(['https://a.example']);
    const many = Array.from({ length: MAX_EMBED_ORIGINS + 1 }, (_, i) => `https://s${i}.example`);
    expect(() => parseEmbedOrigins(many)).toThrow(InvalidEmbedOriginError);
    expect(() => parseEmbedOrigins(['https://a.example', 'ftp://b.example'])).toThrow(
      expect.objectContaining({ field: '/origins/1' }),
    );
  });
});
