// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { AuthProvider, useAuth } from './AuthContext';
import { SignIn } from './SignIn';

function Shell() {
  const { token } = useAuth();
  return token ? <p>signed in as {token}</p> : <SignIn />;
}

function respond(status: number) {
  return vi.fn(async () => new Response(JSON.stringify({ data: {} }), { status }));
}

describe('signing in', () => {
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
    window.localStorage.clear();
  });

  it('asks for the token in one password field', () => {
    render(
      <AuthProvider>
        <Shell />
      </AuthProvider>,
    );
    const field = screen.getByLabelText('API token');
    expect(field.getAttribute('type')).toBe('password');
    expect(document.querySelectorAll('input')).toHaveLength(1);
  });

  it('says so in words when the server refuses the token, and remembers nothing', async () => {
    vi.stubGlobal('fetch', respond(401));
    render(
      <AuthProvider>
        <Shell />
      </AuthProvider>,
    );
    fireEvent.change(screen.getByLabelText('API token'), { target: { value: 'wrong' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/not accepted/);
    expect(window.localStorage.getItem('baton.token')).toBeNull();
  });

  it('remembers an accepted token in this browser', async () => {
    const fetch = respond(200);
    vi.stubGlobal('fetch', fetch);
    render(
      <AuthProvider>
        <Shell />
      </AuthProvider>,
    );
    fireEvent.change(screen.getByLabelText('API token'), { target: { value: ' good-token ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    await waitFor(() => expect(screen.getByText('signed in as good-token')).toBeTruthy());
    expect(window.localStorage.getItem('baton.token')).toBe('good-token');
    const [, init] = fetch.mock.calls[0] as unknown as [string, RequestInit];
    expect((init.headers as Record<string, string>).Authorization).toBe('Bearer good-token');
  });

  it('asks for a token before asking the server', async () => {
    const fetch = respond(200);
    vi.stubGlobal('fetch', fetch);
    render(
      <AuthProvider>
        <Shell />
      </AuthProvider>,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Paste an API token to sign in.');
    expect(fetch).not.toHaveBeenCalled();
  });
});

describe('signing out', () => {
  afterEach(() => {
    cleanup();
    window.localStorage.clear();
  });

  function SignOutButton() {
    const { token, signOut, notice } = useAuth();
    return token ? <button onClick={() => signOut('Your token was revoked.')}>out</button> : <p>{notice}</p>;
  }

  it('forgets the token and says why when it was not the person’s choice', () => {
    window.localStorage.setItem('baton.token', 'kept');
    render(
      <AuthProvider>
        <SignOutButton />
      </AuthProvider>,
    );
    fireEvent.click(screen.getByRole('button', { name: 'out' }));
    expect(window.localStorage.getItem('baton.token')).toBeNull();
    expect(screen.getByText('Your token was revoked.')).toBeTruthy();
  });
});
