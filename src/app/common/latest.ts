/** Loads whose answers may come back out of order: only the answer to the latest one asked for is shown. */
import { useRef } from 'preact/hooks';

/**
 * Call the returned function as a load begins; it gives `current()`, true while no later load has begun. An older
 * answer (a page's first load, slow on a busy endpoint, answering after the reload that follows a change; a poll
 * still out when an action reloaded) is then dropped instead of showing over the newer one.
 */
export function useLatest(): () => () => boolean {
  const count = useRef(0);
  return () => {
    const mine = ++count.current;
    return () => mine === count.current;
  };
}
