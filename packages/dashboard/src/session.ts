import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { request } from './api';
import type { Session } from './resources';

export const SESSION_PATH = '/dashboard/api/session';
export const DEFAULT_TIME_ZONE = 'Asia/Tokyo';

export interface SessionState {
  session: Session;
  timeZone: string;
  canWrite: boolean;
}

export const SessionContext = createContext<SessionState | null>(null);

export function useSession(): SessionState {
  const state = useContext(SessionContext);
  if (!state) throw new Error('useSession outside a signed-in view');
  return state;
}

export function sessionState(session: Session): SessionState {
  return {
    session,
    timeZone: validTimeZone(session.merchant_account?.time_zone) ?? DEFAULT_TIME_ZONE,
    canWrite: session.user.role === 'admin',
  };
}

function validTimeZone(zone: string | null | undefined): string | undefined {
  if (!zone) return undefined;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return zone;
  } catch {
    return undefined;
  }
}

export const readSession = () => request<Session>('GET', SESSION_PATH);
export const signIn = (email: string, password: string) =>
  request<Session>('POST', SESSION_PATH, { body: { email, password } });
export const signOut = () => request<void>('DELETE', SESSION_PATH);
export const changePassword = (current: string, next: string) =>
  request<Session>('POST', `${SESSION_PATH}/password`, { body: { current_password: current, new_password: next } });
