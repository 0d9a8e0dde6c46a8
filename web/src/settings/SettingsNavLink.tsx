import { NavLink } from 'react-router';
import { useQuery } from 'urql';
import { SettingsCallerQuery } from './queries';

/** Settings in the main navigation, for administrators only: nobody else may read or change what it holds. */
export function SettingsNavLink() {
  const [{ data }] = useQuery({ query: SettingsCallerQuery });
  if (data?.me.role !== 'ADMIN') return null;
  return <NavLink to="/settings/webhooks">Settings</NavLink>;
}
