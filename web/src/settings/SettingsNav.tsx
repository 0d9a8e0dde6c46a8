import '../line/line.css';
import { NavLink } from 'react-router';

/** The pages under Settings. */
export function SettingsNav() {
  return (
    <nav aria-label="Settings" className="settings-nav segmented">
      <NavLink to="/settings/webhooks">Webhooks</NavLink>
      <NavLink to="/settings/freeze-windows">Freeze windows</NavLink>
    </nav>
  );
}
