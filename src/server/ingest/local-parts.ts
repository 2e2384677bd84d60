/** Site-local day, hour and weekday of an instant, remembered per UTC quarter hour (Intl formatting is ingest's hottest call). */
import { localParts, type LocalParts } from '../../shared/time';

const QUARTER_MS = 15 * 60_000;
const cache = new Map<string, LocalParts>();

/**
 * Same answer as `localParts`: every UTC offset in use is a multiple of 15 minutes, so local hours (and days)
 * begin on a UTC quarter hour and nothing this returns changes inside one.
 */
export function cachedLocalParts(ms: number, timeZone: string): LocalParts {
  const key = `${timeZone}|${Math.floor(ms / QUARTER_MS)}`;
  let p = cache.get(key);
  if (!p) {
    if (cache.size >= 20_000) cache.clear();
    cache.set(key, (p = localParts(ms, timeZone)));
  }
  return p;
}
