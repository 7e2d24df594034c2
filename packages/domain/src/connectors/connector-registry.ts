import { InvalidFieldError } from '../errors';
import type { CapabilityProfile } from './capability-profile';
import type { PaymentConnector } from './payment-connector';

/** The connectors this deployment has, by name (`smartpay`, ...). */
export class ConnectorRegistry {
  private readonly byName = new Map<string, PaymentConnector>();
  private readonly profiles = new Map<string, CapabilityProfile>();

  constructor(connectors: readonly PaymentConnector[]) {
    for (const connector of connectors) {
      this.byName.set(connector.capabilities.connector, connector);
      this.profiles.set(connector.capabilities.connector, connector.capabilities);
    }
  }

  get(name: string): PaymentConnector {
    const connector = this.byName.get(name);
    if (!connector) throw new InvalidFieldError(`no connector named "${name}" is configured`, '/payment_method/method');
    return connector;
  }

  /**
   * What each connector can do, as plain values: a decision inside a unit of work picks its transaction's
   * profile from here without reaching back for a connector.
   */
  capabilities(): CapabilityCatalog {
    const profiles = this.profiles;
    return (name) => profiles.get(name) ?? this.get(name).capabilities;
  }

  names(): string[] {
    return [...this.byName.keys()];
  }
}

/** A connector's capability profile by its name. */
export type CapabilityCatalog = (connector: string) => CapabilityProfile;
