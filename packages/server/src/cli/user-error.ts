import { EmbeddedPostgresError, SchemaBehindError } from '@kessai/adapters-postgres';
import { ConfigError } from '../composition/config';

/** A problem the user fixes: the CLI prints its message as one line, no stack. */
export class UserError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UserError';
  }
}

/** The one-line message for an error the user can act on; null for a bug (printed with its stack). */
export function userMessage(error: unknown): string | null {
  if (
    error instanceof UserError ||
    error instanceof ConfigError ||
    error instanceof EmbeddedPostgresError ||
    error instanceof SchemaBehindError
  )
    return error.message;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'EADDRINUSE') {
    const port = (error as { port?: number }).port;
    return `port ${port ?? '?'} is already in use (another Kessai or sandbox?): stop it, or set PORT / SANDBOX_PORT / SHOP_PORT`;
  }
  if (code === 'ENOENT' || code === 'EACCES') return (error as Error).message;
  return null;
}

/** Credentials sealed with another key: AES-GCM refuses them, or the key id is unknown. */
export function isKeyMismatch(error: unknown): boolean {
  const message = error instanceof Error ? error.message : '';
  return message.includes('unable to authenticate data') || message.includes('which is not configured');
}
