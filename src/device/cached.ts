/**
 * "Network first, then the stored copy": the one way the device fetches something it must also have offline
 * (window config, staff PIN verifiers, presence key). The endpoint's answer, when there is one, wins and is
 * stored; when the endpoint cannot be reached the last stored copy is used.
 */
import type { KioskDatabase } from './store/db';
import { deleteMeta, getMeta, putMeta, type Cached, type MetaEntries, type MetaKey } from './store/meta';

/** Keys whose values are cached copies of something the endpoint gave. */
type CachedKey<T> = { [K in MetaKey]: MetaEntries[K] extends Cached<T> ? K : never }[MetaKey];

/** What one request to the endpoint gave. */
export type Answer<T> =
  | { kind: 'fresh'; value: T; etag: string | null }
  /** 304: the stored copy is current. */
  | { kind: 'not_modified' }
  /** The endpoint says this no longer exists for us (404, a refused token): the stored copy is dropped. */
  | { kind: 'gone'; status: number }
  /** No answer or a server error: use the stored copy. */
  | { kind: 'unreachable'; message: string };

export type Loaded<T> =
  | { kind: 'ok'; value: T; from: 'network' | 'cache' }
  | { kind: 'gone'; status: number }
  | { kind: 'unavailable'; message: string };

/** Classifies a response: 2xx parsed by `parse` (throwing on a wrong shape), 304, 404/401/403 as gone, the rest unreachable. */
export async function answerOf<T>(res: Response, parse: (body: unknown) => T): Promise<Answer<T>> {
  if (res.status === 304) return { kind: 'not_modified' };
  if (res.status === 404 || res.status === 401 || res.status === 403) return { kind: 'gone', status: res.status };
  if (!res.ok) return { kind: 'unreachable', message: `HTTP ${res.status}` };
  return { kind: 'fresh', value: parse(await res.json()), etag: res.headers.get('etag') };
}

/** Fetches `key`'s value from the network (given the stored ETag), storing a fresh answer; the stored copy otherwise. */
export async function networkFirst<T>(db: KioskDatabase, key: CachedKey<T>, request: (etag: string | null) => Promise<Answer<T>>): Promise<Loaded<T>> {
  const stored = (await getMeta(db, key)) as Cached<T> | undefined;
  let answer: Answer<T>;
  try {
    answer = await request(stored?.etag ?? null);
  } catch (e) {
    answer = { kind: 'unreachable', message: e instanceof Error ? e.message : String(e) };
  }
  switch (answer.kind) {
    case 'fresh':
      await putMeta(db, key, { etag: answer.etag, value: answer.value } as MetaEntries[typeof key]);
      return { kind: 'ok', value: answer.value, from: 'network' };
    case 'gone':
      if (stored) await deleteMeta(db, key);
      return { kind: 'gone', status: answer.status };
    case 'not_modified':
    case 'unreachable':
      return stored ? { kind: 'ok', value: stored.value, from: 'cache' } : { kind: 'unavailable', message: answer.kind === 'unreachable' ? answer.message : 'not modified, but no stored copy' };
  }
}

/** The stored copy alone, for a first render that must not wait for the network. */
export async function storedCopy<T>(db: KioskDatabase, key: CachedKey<T>): Promise<T | undefined> {
  return ((await getMeta(db, key)) as Cached<T> | undefined)?.value;
}

/** A value made on the device once and kept (e.g. the phone's id): the stored one, else `make()` stored. */
export async function storedOrMade<K extends MetaKey>(db: KioskDatabase, key: K, make: () => MetaEntries[K]): Promise<MetaEntries[K]> {
  const known = await getMeta(db, key);
  if (known !== undefined) return known;
  const made = make();
  await putMeta(db, key, made);
  return made;
}
