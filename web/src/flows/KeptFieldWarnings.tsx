/** A field of a saved flow that Baton keeps, and writes again in its YAML, but does not carry out. */
export interface KeptField {
  path: string;
  message: string;
}

/** What a saved flow keeps without carrying it out (the vendor's hooks and workflows), and what to do instead. */
export function KeptFieldWarnings({ flow, warnings }: { flow: string; warnings: KeptField[] }) {
  if (warnings.length === 0) return null;
  return (
    <div className="notice attention" role="status" aria-label={`Kept but not carried out in ${flow}`}>
      <strong>
        {flow} keeps {warnings.length === 1 ? 'a field' : `${warnings.length} fields`} Baton does not carry out:
      </strong>
      <ul>
        {warnings.map((w) => (
          <li key={w.path}>
            <code>{w.path}</code>: {w.message}
          </li>
        ))}
      </ul>
    </div>
  );
}
