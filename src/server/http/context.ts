import type { Db } from '../db/sqlite';
import type { ConfigIndex } from '../config/load';
import type { Kiosk } from '../auth/kiosks';
import type { Session } from '../auth/users';

/** What every route may use; built once by main.ts, or per test. */
export interface AppDeps {
  db: Db;
  config: ConfigIndex;
  now: () => number;
  version: string;
  /** Built PWA to serve; omitted in endpoint tests. */
  staticDir?: string;
  production: boolean;
  /** TRUST_PROXY: the reverse proxies whose X-Forwarded-For names the client (see http/address.ts). */
  trustProxy?: string | undefined;
}

export interface AppEnv {
  Variables: {
    kiosk: Kiosk;
    session: Session;
  };
}
