import { InvalidEmbedOriginError } from '../errors';

/** How many pages one merchant account may embed its checkout in: a shop, its staging and a few locales. */
export const MAX_EMBED_ORIGINS = 20;

/**
 * A web origin as browsers send it (`https://shop.example`, `http://localhost:8080`): https, or http for loopback
 * hosts alone (a shop in development); no path, query, credentials or wildcard.
 */
export function parseEmbedOrigin(raw: string, at: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new InvalidEmbedOriginError(`${raw} is not an origin such as https://shop.example`, at);
  }
  const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback))
    throw new InvalidEmbedOriginError('an embed origin is https (http only for localhost)', at);
  const plainHost = /^([a-z0-9.-]+|\[[0-9a-f:.]+\])$/i.test(url.hostname);
  if (!plainHost || url.origin !== raw.replace(/\/$/, '') || url.username || url.password)
    throw new InvalidEmbedOriginError(`an origin is a scheme, host and port only, e.g. ${url.origin}`, at);
  return url.origin;
}

export function parseEmbedOrigins(raw: readonly string[]): string[] {
  if (raw.length > MAX_EMBED_ORIGINS)
    throw new InvalidEmbedOriginError(`a merchant account registers at most ${MAX_EMBED_ORIGINS} origins`, '/origins');
  return [...new Set(raw.map((origin, i) => parseEmbedOrigin(origin, `/origins/${i}`)))];
}
