/** Who asked for a change (an API key or a dashboard user): recorded with the events it causes, for the history. */
export interface Actor {
  type: 'api_key' | 'dashboard_user';
  id: string;
  /** What a person reading the history recognises: the key's id or the user's e-mail. */
  display: string;
}
