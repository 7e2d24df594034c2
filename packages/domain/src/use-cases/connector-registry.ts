import type { ConnectorAccount, PaymentConnector } from '../connector/payment-connector';
import { InvalidFieldError } from '../errors';
import type { PaymentService } from '../payment-service/payment-service';

/** The connectors this deployment has, by name (`smartpay`, ...). */
export class ConnectorRegistry {
  private readonly byName = new Map<string, PaymentConnector>();

  constructor(connectors: readonly PaymentConnector[]) {
    for (const connector of connectors) this.byName.set(connector.capabilities.connector, connector);
  }

  get(name: string): PaymentConnector {
    const connector = this.byName.get(name);
    if (!connector) throw new InvalidFieldError(`no connector named "${name}" is configured`, '/payment_method/method');
    return connector;
  }

  names(): string[] {
    return [...this.byName.keys()];
  }
}

export function accountOf(service: PaymentService): ConnectorAccount {
  return { paymentServiceId: service.id, credentials: service.credentials };
}
