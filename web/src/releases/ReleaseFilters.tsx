import { useQuery } from 'urql';
import { ReleaseFiltersQuery } from './queries';

export interface Filters {
  product: string;
  flow: string;
  status: string;
}

const STATUSES = ['QUEUED', 'RUNNING', 'SUSPENDED', 'SUCCEEDED', 'FAILED', 'TERMINATED'];

/** Filters of the Releases list: product, promotion flow and status. */
export function ReleaseFilters({ value, onChange }: { value: Filters; onChange: (filters: Filters) => void }) {
  const [{ data }] = useQuery({ query: ReleaseFiltersQuery });
  const products = data ? [...data.products].map((p) => p.name).sort() : [];
  const flows = data ? [...data.promotionFlows].map((f) => f.name).sort() : [];
  const set = (field: keyof Filters) => (e: React.ChangeEvent<HTMLSelectElement>) =>
    onChange({ ...value, [field]: e.target.value });
  const active = value.product || value.flow || value.status;
  return (
    <form className="filters" aria-label="Filter releases" onSubmit={(e) => e.preventDefault()}>
      <label>
        Product
        <select value={value.product} onChange={set('product')}>
          <option value="">All products</option>
          {withCurrent(products, value.product).map((p) => (
            <option key={p} value={p}>
              {p}
            </option>
          ))}
        </select>
      </label>
      <label>
        Promotion Flow
        <select value={value.flow} onChange={set('flow')}>
          <option value="">All flows</option>
          {withCurrent(flows, value.flow).map((f) => (
            <option key={f} value={f}>
              {f}
            </option>
          ))}
        </select>
      </label>
      <label>
        Status
        <select value={value.status} onChange={set('status')}>
          <option value="">All statuses</option>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {s.charAt(0) + s.slice(1).toLowerCase()}
            </option>
          ))}
        </select>
      </label>
      {active && (
        <button type="button" className="link-button" onClick={() => onChange({ product: '', flow: '', status: '' })}>
          Clear filters
        </button>
      )}
    </form>
  );
}

/** Keeps a filter from the address bar selectable even before (or without) the lists loading. */
function withCurrent(names: string[], current: string): string[] {
  return current && !names.includes(current) ? [current, ...names] : names;
}
