import type { ReactNode } from 'react';
import { NavLink } from 'react-router';
import { useAuth } from '../auth/AuthContext';
import { SettingsNavLink } from '../settings/SettingsNavLink';

export function Layout({ children }: { children: ReactNode }) {
  const { signOut } = useAuth();
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <NavLink to="/" className="brand" aria-label="Baton, products dashboard">
          <span className="brand-mark" aria-hidden="true" /> Baton
        </NavLink>
        <nav aria-label="Main">
          <NavLink to="/" end>
            Products
          </NavLink>
          <NavLink to="/flows">Promotion Flows</NavLink>
          <NavLink to="/releases">Releases</NavLink>
          <SettingsNavLink />
        </nav>
        <button type="button" className="ghost sign-out" onClick={() => signOut()}>
          Sign out
        </button>
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}
