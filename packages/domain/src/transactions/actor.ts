/**
 * Who asked for a change (an API key, a dashboard user, or a reconciliation run settling what the provider
 * reports): recorded with the events it causes, for the history.
 */
export interface Actor {
  type: 'api_key' | 'dashboard_user' | 'reconciliation_run';
  id: string;
  /** What a person reading the history recognises: the key's id or the user's e-mail. */
  display: string;
}
