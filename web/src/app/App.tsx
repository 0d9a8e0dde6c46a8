import { lazy, Suspense, useEffect, useMemo } from 'react';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router';
import { Provider } from 'urql';
import { createBatonClient } from '../api/client';
import { AuthProvider, useAuth } from '../auth/AuthContext';
import { SignIn } from '../auth/SignIn';
import { FlowList } from '../flows/FlowList';
import { Dashboard } from '../products/Dashboard';
import { ReleaseList } from '../releases/ReleaseList';
import { ApplicationSettings } from '../settings/ApplicationSettings';
import { AuditLog } from '../settings/AuditLog';
import { EnvironmentSettings } from '../settings/EnvironmentSettings';
import { FreezeWindowSettings } from '../settings/FreezeWindowSettings';
import { ProductSettings } from '../settings/ProductSettings';
import { SettingsLayout } from '../settings/SettingsLayout';
import { TokenSettings } from '../settings/TokenSettings';
import { WebhookSettings } from '../settings/WebhookSettings';
import { ErrorBoundary } from './ErrorBoundary';
import { Layout } from './Layout';
import { NotFound } from './NotFound';
import { Loading } from '../ui/Loading';

// The editor (CodeMirror) and the graphs load when first needed, so signing in and the lists stay quick.
const FlowBuilder = lazy(() => import('../flows/FlowBuilder').then((m) => ({ default: m.FlowBuilder })));
const ReleaseView = lazy(() => import('../releases/ReleaseView').then((m) => ({ default: m.ReleaseView })));

export function App() {
  return (
    <ErrorBoundary>
      <AuthProvider>
        <SignedIn />
      </AuthProvider>
    </ErrorBoundary>
  );
}

const REFUSED = 'Baton did not accept your token any more (it may have been revoked). Sign in again.';

function SignedIn() {
  const { token, signOut } = useAuth();
  const baton = useMemo(() => (token ? createBatonClient(token, () => signOut(REFUSED)) : null), [token, signOut]);
  useEffect(() => () => baton?.dispose(), [baton]);

  if (!baton) return <SignIn />;
  return (
    <Provider value={baton.client}>
      <BrowserRouter>
        <Layout>
          <PageErrorBoundary>
            <Suspense fallback={<Loading what="the page" />}>
              <Routes>
                <Route path="/" element={<Dashboard />} />
                <Route path="/flows" element={<FlowList />} />
                <Route path="/flows/new" element={<FlowBuilder />} />
                <Route path="/flows/:name" element={<FlowBuilder />} />
                <Route path="/releases" element={<ReleaseList />} />
                <Route path="/releases/:id" element={<ReleaseView />} />
                <Route path="/settings" element={<SettingsLayout />}>
                  <Route index element={<Navigate to="/settings/environments" replace />} />
                  <Route path="environments" element={<EnvironmentSettings />} />
                  <Route path="products" element={<ProductSettings />} />
                  <Route path="applications" element={<ApplicationSettings />} />
                  <Route path="tokens" element={<TokenSettings />} />
                  <Route path="audit" element={<AuditLog />} />
                  <Route path="webhooks" element={<WebhookSettings />} />
                  <Route path="freeze-windows" element={<FreezeWindowSettings />} />
                </Route>
                <Route path="*" element={<NotFound />} />
              </Routes>
            </Suspense>
          </PageErrorBoundary>
        </Layout>
      </BrowserRouter>
    </Provider>
  );
}

/** A page that fails to render shows its error; going to another page starts afresh. */
function PageErrorBoundary({ children }: { children: React.ReactNode }) {
  const { pathname } = useLocation();
  return <ErrorBoundary key={pathname}>{children}</ErrorBoundary>;
}
