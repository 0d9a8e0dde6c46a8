import { NavLink } from 'react-router';
import { useQuery } from 'urql';
import { SettingsCallerQuery } from './queries';

/**
 * Settings in the main navigation, for everyone signed in: administrators change environments, products,
 * applications, tokens and webhooks there; anyone else reads the catalog.
 */
export function SettingsNavLink() {
  const [{ data }] = useQuery({ query: SettingsCallerQuery });
  if (!data?.me) return null;
  return <NavLink to="/settings/environments">Settings</NavLink>;
}
