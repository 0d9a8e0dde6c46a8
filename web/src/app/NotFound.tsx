import { Link } from 'react-router';
import { EmptyState } from '../ui/EmptyState';

export function NotFound() {
  return (
    <EmptyState title="Nothing here" action={<Link to="/">Go to the products dashboard</Link>}>
      <p>This address does not match a page of Baton.</p>
    </EmptyState>
  );
}
