import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { InvalidFieldError, type WebhookTargetPolicy } from '@kessai/domain';
import { bareHost, isPrivateAddress } from './private-addresses';

/**
 * Refuses targets on this deployment's own networks unless `allowPrivate` (config
 * MERCHANT_WEBHOOKS_ALLOW_PRIVATE_TARGETS): `localhost`, IP literals in private ranges, and names that resolve to
 * any private address. The transport checks again at connect time, because DNS can change after this check.
 */
export class NetworkWebhookTargetPolicy implements WebhookTargetPolicy {
  constructor(private readonly allowPrivate: boolean) {}

  async assertAllowed(url: URL): Promise<void> {
    if (this.allowPrivate) return;
    const host = bareHost(url).toLowerCase();
    if (host === 'localhost' || host.endsWith('.localhost') || host.endsWith('.local') || host.endsWith('.internal'))
      throw refused(`${host} is a local name`);
    if (isIP(host)) {
      if (isPrivateAddress(host)) throw refused(`${host} is a loopback, private or reserved address`);
      return;
    }
    let addresses: Array<{ address: string }>;
    try {
      addresses = await lookup(host, { all: true, verbatim: true });
    } catch {
      throw new InvalidFieldError(`url host ${host} does not resolve`, '/url');
    }
    const inside = addresses.find((entry) => isPrivateAddress(entry.address));
    if (inside) throw refused(`${host} resolves to ${inside.address}, a loopback, private or reserved address`);
  }
}

const refused = (why: string) =>
  new InvalidFieldError(
    `url must be reachable on the public internet: ${why} (set MERCHANT_WEBHOOKS_ALLOW_PRIVATE_TARGETS=true to allow it)`,
    '/url',
  );
