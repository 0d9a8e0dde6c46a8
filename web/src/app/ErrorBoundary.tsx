import { Component, type ErrorInfo, type ReactNode } from 'react';

interface State {
  error: Error | null;
}

/** A rendering failure becomes a message with a way out, never a blank screen. */
export class ErrorBoundary extends Component<{ children: ReactNode }, State> {
  state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  componentDidCatch(error: Error, info: ErrorInfo) {
    console.warn('Baton web app: a view failed to render', error, info.componentStack);
  }

  render() {
    if (!this.state.error) return this.props.children;
    return (
      <div className="error-box page-error" role="alert">
        <h2>This page could not be shown</h2>
        <p>{this.state.error.message || 'An unexpected error happened.'}</p>
        <button type="button" onClick={() => window.location.reload()}>
          Reload the page
        </button>{' '}
        <a href="/">Go to the products dashboard</a>
      </div>
    );
  }
}
