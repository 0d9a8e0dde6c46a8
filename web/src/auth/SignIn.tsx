import { useState, type FormEvent } from 'react';
import { useAuth } from './AuthContext';
import { checkToken } from './checkToken';

export function SignIn() {
  const { signIn, notice } = useAuth();
  const [token, setToken] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const candidate = token.trim();
    if (!candidate) {
      setError('Paste an API token to sign in.');
      return;
    }
    setBusy(true);
    setError(null);
    const result = await checkToken(candidate);
    setBusy(false);
    if (result.ok) signIn(candidate);
    else setError(result.reason);
  }

  return (
    <main className="sign-in">
      <form className="card sign-in-card" onSubmit={submit} aria-labelledby="sign-in-title">
        <h1 id="sign-in-title">
          <span className="brand-mark" aria-hidden="true" /> Baton
        </h1>
        <p className="muted">Promote a product's change through its environments.</p>
        {notice && (
          <p className="notice" role="status">
            {notice}
          </p>
        )}
        <label htmlFor="token">API token</label>
        <input
          id="token"
          name="token"
          type="password"
          autoComplete="current-password"
          value={token}
          onChange={(e) => setToken(e.target.value)}
          aria-describedby="token-help"
          aria-invalid={error ? true : undefined}
          autoFocus
        />
        <p id="token-help" className="help">
          On first start Baton prints the admin token once and writes it to <code>baton-data/admin-token</code>, or uses{' '}
          <code>BATON_ADMIN_TOKEN</code>. An administrator can create more tokens with <code>createApiToken</code>.
        </p>
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
