import type { PaymentService } from '../connections/payment-service';
import type { PaymentServiceRepository } from '../connections/payment-service-repository';
import { DuplicateRecordError } from '../errors';

export class InMemoryPaymentServiceRepository implements PaymentServiceRepository {
  private readonly services = new Map<string, PaymentService>();

  async add(service: PaymentService): Promise<void> {
    if (this.services.has(service.id)) throw new DuplicateRecordError(`payment service ${service.id} already exists`);
    this.services.set(service.id, structuredClone(service));
  }

  async update(service: PaymentService): Promise<void> {
    if (this.services.has(service.id)) this.services.set(service.id, structuredClone(service));
  }

  async get(merchantAccountId: string, id: string): Promise<PaymentService | undefined> {
    const service = this.services.get(id);
    return service?.merchantAccountId === merchantAccountId ? structuredClone(service) : undefined;
  }

  async findById(id: string): Promise<PaymentService | undefined> {
    const service = this.services.get(id);
    return service && structuredClone(service);
  }

  async list(merchantAccountId: string): Promise<PaymentService[]> {
    return [...this.services.values()]
      .filter((service) => service.merchantAccountId === merchantAccountId)
      .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())
      .map((service) => structuredClone(service));
  }

  async listActive(): Promise<PaymentService[]> {
    return [...this.services.values()]
      .filter((service) => service.active && !service.deletedAt)
      .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())
      .map((service) => structuredClone(service));
  }

  async findDefault(merchantAccountId: string, connector: string): Promise<PaymentService | undefined> {
    return (await this.list(merchantAccountId)).find(
      (service) => service.active && !service.deletedAt && service.connector === connector,
    );
  }
}
