/** The web origins each merchant account lets its embed run on (CORS on the embed's routes answers only these). */
export interface EmbedOriginRegistry {
  /** Replaces the merchant account's origins (an empty list removes them all). */
  replace(merchantAccountId: string, origins: readonly string[], at: Date): Promise<void>;
  /** In the order registered. */
  list(merchantAccountId: string): Promise<string[]>;
  /** Whether any merchant account registered it: a CORS preflight names no merchant account. */
  isRegistered(origin: string): Promise<boolean>;
}
