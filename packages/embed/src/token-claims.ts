/** The checkout session an embed token is pinned to, read from its claims (the API checks the signature). */
export function checkoutSessionOf(token: string): string | null {
  try {
    const payload = token.split('.')[1] ?? '';
    const json = atob(
      payload
        .replace(/-/g, '+')
        .replace(/_/g, '/')
        .padEnd(Math.ceil(payload.length / 4) * 4, '='),
    );
    const claims = JSON.parse(json) as { checkout_session_id?: unknown };
    return typeof claims.checkout_session_id === 'string' ? claims.checkout_session_id : null;
  } catch {
    return null;
  }
}
