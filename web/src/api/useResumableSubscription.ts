import type { Client, TypedDocumentNode } from '@urql/core';
import { useEffect, useRef, useState } from 'react';
import { useClient } from 'urql';
import { onEnd, pipe, subscribe } from 'wonka';
import { isRetryable } from './errors';
import { resumable, type OpenStream, type StreamState } from './resumable';

/** Opens a GraphQL subscription through urql as a stream of selected events, for {@link resumable}. */
export function urqlStream<Data, Vars extends object, E>(
  client: Client,
  query: TypedDocumentNode<Data, Vars>,
  variables: (after: string | null) => Vars,
  select: (data: Data) => E | null | undefined,
): OpenStream<E> {
  return (after, handlers) => {
    let done = false;
    let handle: { unsubscribe(): void } | null = null;
    const end = () => queueMicrotask(() => handle?.unsubscribe());
    handle = pipe(
      client.subscription(query, variables(after)),
      onEnd(() => {
        if (done) return;
        done = true;
        handlers.complete();
      }),
      subscribe((result) => {
        if (done) return;
        if (result.error) {
          done = true;
          end();
          handlers.error(result.error);
          return;
        }
        const event = result.data ? select(result.data) : null;
        if (event) handlers.next(event);
      }),
    );
    return () => {
      done = true;
      handle?.unsubscribe();
    };
  };
}

export interface SubscriptionOptions<Data, Vars extends object, E> {
  query: TypedDocumentNode<Data, Vars>;
  variables: (after: string | null) => Vars;
  select: (data: Data) => E | null | undefined;
  cursorOf: (event: E) => string;
  onEvent: (event: E) => void;
  onComplete?: () => void;
  onReopenWithoutCursor?: () => void;
  /** Reopen when this changes; do not subscribe while it is null. */
  key: string | null;
  /** Where a (re)opened stream starts: the last cursor already seen, if any. */
  after?: string | null;
}

/** A live subscription for a component: resumes after drops, reports its state, stops on unmount. */
export function useResumableSubscription<Data, Vars extends object, E>(
  options: SubscriptionOptions<Data, Vars, E>,
): StreamState | 'idle' {
  const client = useClient();
  const latest = useRef(options);
  latest.current = options;
  const [state, setState] = useState<StreamState | 'idle'>('idle');

  useEffect(() => {
    if (options.key == null) {
      setState('idle');
      return;
    }
    const o = latest.current;
    const live = resumable<E>({
      open: urqlStream(
        client,
        o.query,
        (after) => latest.current.variables(after),
        (d) => latest.current.select(d),
      ),
      cursorOf: (e) => latest.current.cursorOf(e),
      onEvent: (e) => latest.current.onEvent(e),
      onComplete: () => latest.current.onComplete?.(),
      onReopenWithoutCursor: () => latest.current.onReopenWithoutCursor?.(),
      onState: setState,
      isFatal: (error) => !isRetryable(error),
      after: o.after ?? null,
    });
    return () => live.stop();
  }, [client, options.key]);

  return state;
}
