/** One request at a time from a button: a second click while the first is out does nothing. */
import { useRef, useState } from 'preact/hooks';

/**
 * `busy` while `send`'s work is out (disable the button with it), and `send`, which runs the work unless a
 * previous one is still out (a double click creates one key, one link, one page of rows).
 */
export function useSending(): { busy: boolean; send: (work: () => Promise<unknown>) => Promise<void> } {
  const out = useRef(false);
  const [busy, setBusy] = useState(false);
  const send = async (work: () => Promise<unknown>): Promise<void> => {
    if (out.current) return;
    out.current = true;
    setBusy(true);
    try {
      await work();
    } finally {
      out.current = false;
      setBusy(false);
    }
  };
  return { busy, send };
}
