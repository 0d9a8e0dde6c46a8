import type { ReactNode } from 'react';
import { NavLink, Outlet } from 'react-router';
import { useCaller } from '../releases/useCaller';
import './settings.css';

/** The settings' own navigation, above each settings page; pages for administrators only are marked so. */
export function SettingsLayout() {
  const caller = useCaller();
  const admin = caller?.role === 'ADMIN';
  return (
    <>
      <nav className="settings-tabs" aria-label="Settings">
        <NavLink to="/settings/environments">Environments</NavLink>
        <NavLink to="/settings/products">Products</NavLink>
        <NavLink to="/settings/applications">Applications</NavLink>
        {admin && <NavLink to="/settings/tokens">API tokens</NavLink>}
        {admin && <NavLink to="/settings/audit">Audit log</NavLink>}
        {admin && <NavLink to="/settings/webhooks">Webhooks</NavLink>}
        <NavLink to="/settings/freeze-windows">Freeze windows</NavLink>
      </nav>
      <Outlet />
    </>
  );
}

/** Said on a page where only administrators change things, to anyone else. */
export function ReadOnlyNote({ what }: { what: string }) {
  const caller = useCaller();
  if (!caller || caller.role === 'ADMIN') return null;
  return (
    <p className="notice" role="note">
      You can read the {what}; only administrators change them. Your token, <strong>{caller.name}</strong>, has the{' '}
      {caller.role.toLowerCase()} role.
    </p>
  );
}

/** A settings page's header: where it is, its title, what it is for, and what can be done there. */
export function SettingsHeader({
  title,
  actions,
  children,
}: {
  title: string;
  actions?: ReactNode;
  children: ReactNode;
}) {
  return (
    <div className="page-header">
      <div>
        <p className="breadcrumb muted">Settings</p>
        <h1>{title}</h1>
        <p className="muted">{children}</p>
      </div>
      {actions}
    </div>
  );
}

/** What the last change did, said once it is done. */
export function DoneNotice({ text }: { text: string | null }) {
  if (!text) return null;
  return (
    <p className="notice success" role="status">
      {text}
    </p>
  );
}
