import type { Store } from '../store';
import type { IngestHook } from '../ingest/ingest';
import type { ConfigIndex } from '../config/load';
import type { Kiosk } from '../auth/kiosks';
import type { Session } from '../auth/users';

/** What every route may use; built once by main.ts, or per test. */
export interface AppDeps {
  store: Store;
  config: ConfigIndex;
  now: () => number;
  version: string;
  /** Built PWA to serve; omitted in endpoint tests. */
  staticDir?: string;
  production: boolean;
  /** Run in each sync batch's unit of work for every stored row (cases, alerts…). */
  ingestHooks?: readonly IngestHook[];
  /** TRUST_PROXY: the reverse proxies whose X-Forwarded-For names the client (see http/address.ts). */
  trustProxy?: string | undefined;
}

export interface AppEnv {
  Variables: {
    kiosk: Kiosk;
    session: Session;
  };
}
