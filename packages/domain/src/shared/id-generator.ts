export interface IdGenerator {
  /** A new random UUID. */
  uuid(): string;
  /**
   * A UUID derived from a name (UUIDv5-style): the same inputs always give the same id. Used to turn a client's
   * Idempotency-Key into a capture/refund id, so a retried request finds the child it already created.
   */
  derive(namespace: string, name: string): string;
}
