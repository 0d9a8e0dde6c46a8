/** Marks a production environment, unless its name already says so. */
export function ProdTag({ name, kind }: { name: string; kind: string | null | undefined }) {
  if (kind !== 'PROD' || /prod/i.test(name)) return null;
  return <span className="tag">prod</span>;
}
