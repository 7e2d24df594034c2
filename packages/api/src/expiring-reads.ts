/**
 * Values read from storage, each kept for `ttlMs`; a miss is not kept. When a value runs out, every caller asking
 * for it during the one read that follows shares that read, instead of one read per request in flight.
 */
export class ExpiringReads<V> {
  private readonly kept = new Map<string, { value: V; until: number }>();
  private readonly reading = new Map<string, Promise<V | undefined>>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries: number,
  ) {}

  get(key: string, read: () => Promise<V | undefined>): V | Promise<V | undefined> {
    const kept = this.kept.get(key);
    if (kept && kept.until > Date.now()) return kept.value;
    return this.reading.get(key) ?? this.start(key, read);
  }

  /** Changed here: the next caller reads storage, and no read already under way keeps what it saw. */
  forget(key: string): void {
    this.kept.delete(key);
    this.reading.delete(key);
  }

  clear(): void {
    this.kept.clear();
    this.reading.clear();
  }

  private start(key: string, read: () => Promise<V | undefined>): Promise<V | undefined> {
    const reading: Promise<V | undefined> = read().then(
      (value) => {
        if (this.reading.get(key) !== reading) return value;
        this.reading.delete(key);
        if (value === undefined) return value;
        if (this.kept.size >= this.maxEntries) this.kept.clear();
        this.kept.set(key, { value, until: Date.now() + this.ttlMs });
        return value;
      },
      (error: unknown) => {
        if (this.reading.get(key) === reading) this.reading.delete(key);
        throw error;
      },
    );
    this.reading.set(key, reading);
    return reading;
  }
}
