/**
 * What a real hall needs around the routes: client address and scheme behind a proxy (with HSTS only
 * over HTTPS), one log line per request, compressed JSON, liveness and readiness, the CA setup page.
 */
import type { Hono } from 'hono';
import type { AppDeps, AppEnv } from './context';
import { clientMiddleware, type TrustProxy } from './client';
import { requestLog, type Logger } from './requestlog';
import { setupRoutes } from '../routes/setup';
import { jsonGzip } from './json-gzip';

export interface DeployDeps {
  trustProxy: TrustProxy;
  logger?: Logger;
  /** True once a graceful stop began: readiness answers 503. */
  draining?: () => boolean;
  /** The hall CA the setup page offers (`npm run tls` writes it beside the server certificate). */
  caCertFile?: string;
}

/** Middleware that must wrap every route; call before the routes are added. */
export function useDeployMiddleware(app: Hono<AppEnv>, deps: AppDeps): void {
  const d = deps.deploy ?? { trustProxy: { kind: 'off' } };
  app.use('*', clientMiddleware(d.trustProxy));
  if (d.logger) app.use('*', requestLog(d.logger));
  // JSON only: static files are pre-compressed at build, and exports stream uncompressed so they never wait on zlib.
  app.use('/api/*', jsonGzip());
}

/** A cheap read that fails when the database is unusable (locked for good, disk gone, closed). */
async function checkDatabase(deps: AppDeps): Promise<{ ok: true } | { ok: false; error: string }> {
  try {
    await deps.store.health();
    return { ok: true };
  } catch (e) {
    return { ok: false, error: (e as Error).message };
  }
}

/** Liveness (`/api/v1/health`, touches the database), readiness (`/api/v1/ready`) and the setup routes. */
export function deployRoutes(app: Hono<AppEnv>, deps: AppDeps): void {
  // Accepts: public. 503 when the database does not answer.
  app.get('/api/v1/health', async (c) => {
    const db = await checkDatabase(deps);
    const body = { ok: db.ok, version: deps.version, serverTime: new Date(deps.now()).toISOString(), database: db.ok ? 'ok' : db.error };
    return c.json(body, db.ok ? 200 : 503);
  });
  // Accepts: public. 503 while shutting down or when the database does not answer, so a proxy sends traffic elsewhere.
  app.get('/api/v1/ready', async (c) => {
    const draining = deps.deploy?.draining?.() ?? false;
    const db = await checkDatabase(deps);
    const ready = !draining && db.ok;
    return c.json({ ready, ...(draining ? { reason: 'shutting_down' } : db.ok ? {} : { reason: 'database', error: db.error }) }, ready ? 200 : 503);
  });
  app.route('/', setupRoutes(deps.deploy?.caCertFile));
}
