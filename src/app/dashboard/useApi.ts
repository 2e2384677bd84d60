/** Loads a JSON answer for a URL; a later URL supersedes an earlier one still in flight. */
import { useEffect, useState } from 'preact/hooks';
import { api } from '../common/api';

export type Loaded<T> = { state: 'loading' } | { state: 'ok'; data: T } | { state: 'error'; message: string };

export function useApi<T>(url: string | null): Loaded<T> {
  const [out, setOut] = useState<Loaded<T>>({ state: 'loading' });
  useEffect(() => {
    if (!url) return;
    let live = true;
    setOut({ state: 'loading' });
    void api.get<T>(url).then((r) => {
      if (!live) return;
      setOut(r.ok ? { state: 'ok', data: r.data } : { state: 'error', message: r.message });
    });
    return () => { live = false; };
  }, [url]);
  return out;
}
