/** What came back from one POST to a merchant's endpoint. */
export type TransportResult =
  /** `bodyExcerpt`: the start of the answer's body as text, if the transport read it (the sender bounds it again). */
  | { kind: 'answered'; status: number; durationMs: number; bodyExcerpt?: string }
  /** No HTTP answer: timeout, refused, reset, DNS, or a target the policy forbids. */
  | { kind: 'no-answer'; error: string; durationMs: number };

/** Sends one webhook over HTTP. Never throws; never follows redirects (a redirect is an answer, not a 2xx). */
export interface WebhookTransport {
  post(url: string, headers: Record<string, string>, body: string, timeoutMs: number): Promise<TransportResult>;
}

/**
 * Whether a target URL may be reached from this deployment. The HTTP adapter refuses loopback, private and
 * link-local addresses unless configured otherwise, so the API cannot be used to probe an internal network.
 * Throws `InvalidFieldError` (field `/url`) when refused.
 */
export interface WebhookTargetPolicy {
  assertAllowed(url: URL): Promise<void>;
}
