import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { forgetToken, loadToken, saveToken } from './token';

export interface Auth {
  token: string | null;
  /** Why the person was sent back to sign in, if it was not their own choice. */
  notice: string | null;
  signIn(token: string): void;
  signOut(notice?: string): void;
}

const AuthContext = createContext<Auth | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [token, setToken] = useState<string | null>(() => loadToken());
  const [notice, setNotice] = useState<string | null>(null);

  const signIn = useCallback((next: string) => {
    saveToken(next);
    setNotice(null);
    setToken(next);
  }, []);

  const signOut = useCallback((why?: string) => {
    forgetToken();
    setNotice(why ?? null);
    setToken(null);
  }, []);

  const value = useMemo(() => ({ token, notice, signIn, signOut }), [token, notice, signIn, signOut]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): Auth {
  const auth = useContext(AuthContext);
  if (!auth) throw new Error('useAuth needs an AuthProvider above it');
  return auth;
}
