export function Loading({ what }: { what: string }) {
  return (
    <p className="loading muted" role="status" aria-live="polite">
      Loading {what}…
    </p>
  );
}
