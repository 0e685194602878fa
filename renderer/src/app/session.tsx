import { createContext, useContext, type ReactNode } from 'react';
import type { AuthStatus, SessionInfo } from '../../../shared/auth';

interface SessionContextValue {
  status: AuthStatus;
  session: SessionInfo;
  /** lock now: closes the DB in the core and forgets every cached answer here */
  lock: () => Promise<void>;
}

const SessionContext = createContext<SessionContextValue | null>(null);

export function SessionProvider({ value, children }: { value: SessionContextValue; children: ReactNode }) {
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionContextValue {
  const v = useContext(SessionContext);
  if (!v) throw new Error('useSession outside an unlocked session');
  return v;
}
