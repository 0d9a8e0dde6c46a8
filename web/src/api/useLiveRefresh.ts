import { useEffect, useRef } from 'react';
import { ReleaseActivitySubscription } from '../releases/queries';
import { useResumableSubscription } from './useResumableSubscription';

/**
 * Calls `refresh` shortly after releases move (debounced, so a burst of transitions costs one refetch).
 * Live from the subscription; nothing polls.
 */
export function useLiveRefresh(refresh: () => void, product: string | null = null, delayMs = 300) {
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const latest = useRef(refresh);
  latest.current = refresh;

  const schedule = () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      timer.current = null;
      latest.current();
    }, delayMs);
  };

  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );

  return useResumableSubscription({
    query: ReleaseActivitySubscription,
    variables: (after) => ({ product, after }),
    select: (data) => data.releaseEvents,
    cursorOf: (event) => event.cursor,
    onEvent: schedule,
    onReopenWithoutCursor: schedule,
    key: `activity:${product ?? '*'}`,
  });
}
