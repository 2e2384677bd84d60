import type { Store } from '../store';
import type { IngestHook } from '../ingest/ingest';
import type { ConfigIndex } from '../config/load';
import type { Kiosk } from '../auth/kiosks';
import type { Session } from '../auth/users';
import type { IntegrationKey } from '../auth/integrations';
import type { ClientInfo } from './client';
import type { DeployDeps } from './deploy';
import type { Sender } from '../alerts/send';

/** What every route may use; built once by main.ts, or per test. */
export interface AppDeps {
  store: Store;
  config: ConfigIndex;
  now: () => number;
  version: string;
  /** Built PWA to serve; omitted in endpoint tests. */
  staticDir?: string;
  production: boolean;
  /** Proxy trust, request log, readiness, the hall CA (main.ts); defaults suit in-process tests. */
  deploy?: DeployDeps;
  /** Run in each sync batch's unit of work for every stored row (cases, alerts…). */
  ingestHooks?: readonly IngestHook[];
  /** Sends an alert channel's test message; main.ts passes the sender its delivery worker uses. Default: SMTP from the environment, robots at their vendors. */
  alertSender?: Sender;
  /** Where alerts link (main.ts: PUBLIC_URL or the endpoint's own address), so a channel's test links where real alerts do; default: the request's origin. */
  linkBase?: string;
}

export interface AppEnv {
  Variables: {
    kiosk: Kiosk;
    session: Session;
    /** The client's address and scheme, honouring TRUST_PROXY (http/client.ts). */
    client: ClientInfo;
    /** The integration key a queue or receipt system's request was let in with (POST /qr/case). */
    integration: IntegrationKey;
  };
}
