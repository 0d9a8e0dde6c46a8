import { Link } from 'react-router';
import { describeSelector, type AutomaticFlow } from './autoTrigger';

/** The flows a product runs by itself, in its order (the first whose selectors all match a new commit runs). */
export function AutomaticFlows({ product, flows }: { product: string; flows: AutomaticFlow[] }) {
  return (
    <details className="automatic-flows">
      <summary>Automatic flows ({flows.length || 'none'})</summary>
      {flows.length === 0 ? (
        <p className="muted small">none: releases start only by hand</p>
      ) : (
        <ol aria-label={`Automatic flows of ${product}`}>
          {flows.map((f) => (
            <li key={f.flow}>
              <Link to={`/flows/${encodeURIComponent(f.flow)}`}>{f.flow}</Link>
              <ul className="selectors">
                {f.selectors.length === 0 ? (
                  <li className="muted">every commit that changes the application</li>
                ) : (
                  f.selectors.map((s, i) => <li key={i}>{describeSelector(s)}</li>)
                )}
              </ul>
            </li>
          ))}
        </ol>
      )}
    </details>
  );
}
