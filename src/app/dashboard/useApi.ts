/** Loads and checks a JSON answer for a URL; a later URL supersedes an earlier one still in flight. */
import * as v from 'valibot';
import { useEffect, useState } from 'preact/hooks';
import { api } from '../common/api';
import type { Failure } from '../i18n/format';

export type Loaded<T> = { state: 'loading' } | { state: 'ok'; data: T } | { state: 'error'; failure: Failure; message: string };

/** The answer at `url` checked against `schema` (from src/shared/api); nothing is loaded while `url` is null. */
export function useApi<S extends v.GenericSchema>(url: string | null, schema: S): Loaded<v.InferOutput<S>> {
  const [out, setOut] = useState<Loaded<v.InferOutput<S>>>({ state: 'loading' });
  useEffect(() => {
    if (!url) return;
    let live = true;
    setOut({ state: 'loading' });
    void api.get(url, schema).then((r) => {
      if (!live) return;
      setOut(r.ok ? { state: 'ok', data: r.data } : { state: 'error', failure: r, message: r.message });
    });
    return () => { live = false; };
  }, [url]);
  return out;
}
