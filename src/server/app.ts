/** The endpoint: API under /api/v1 and the built PWA, as one Hono app testable with app.request(). */
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { bodyLimit } from 'hono/body-limit';
import { secureHeaders } from 'hono/secure-headers';
import { serveStatic } from '@hono/node-server/serve-static';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { AppDeps, AppEnv } from './http/context';
import { fail } from './http/errors';
import { requireDevice, requireSignIn } from './http/guards';
import type { Role } from './auth/users';
import { MAX_BODY_BYTES } from '../shared/wire';
import { authRoutes } from './routes/auth';
import { deviceRoutes } from './routes/device';
import { enrolRoutes } from './routes/enrol';
import { configRoutes } from './routes/config';
import { staffRoutes } from './routes/staff';
import { statsRoutes } from './routes/stats';
import { displayRoutes } from './routes/display';
import { exportRoutes } from './routes/export';
import { adminUserRoutes } from './routes/admin';
import { adminKioskRoutes } from './routes/admin-kiosks';
import { adminAuditRoutes } from './routes/admin-audit';
import { qrRoutes } from './routes/qr';
import { useDeployMiddleware, deployRoutes } from './http/deploy';
import { alertRoutes } from './routes/alerts';
import { insightsRoutes } from './routes/insights';
import { caseRoutes } from './routes/cases';
import { caseFigureRoutes } from './routes/case-figures';
import { trackRoutes } from './routes/track';
import { integrationKeyRoutes } from './routes/integrations';

const ANY_USER: readonly Role[] = ['admin', 'supervisor', 'staff'];
/** API prefixes whose every route needs a session, and the roles of all their routes together. */
const SIGNED_IN_PREFIXES: ReadonlyArray<readonly [string, readonly Role[]]> = [
  ['/api/v1/admin', ['admin']],
  ['/api/v1/alerts', ANY_USER],
  ['/api/v1/cases', ANY_USER],
  ['/api/v1/display-tokens', ['admin']],
  ['/api/v1/export', ['admin', 'supervisor']],
  ['/api/v1/insights', ANY_USER],
  ['/api/v1/stats', ANY_USER],
  ['/api/v1/vetoes', ['admin', 'supervisor']],
];

/** A control character in a URL path, as sent (%00–%1F, %7F) or decoded. */
const CONTROL_IN_PATH = /%(?:[01][0-9a-f]|7f)|[\u0000-\u001f\u007f]/i;
const safeDecode = (path: string): string => { try { return decodeURIComponent(path); } catch { return path; } };

/** Builds the app; every route states the credential it accepts where it is declared. */
export function createApp(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  useDeployMiddleware(app, deps);

  app.use('*', secureHeaders({
    strictTransportSecurity: false, // sent by http/client.ts, and only over HTTPS
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      imgSrc: ["'self'", 'data:', 'blob:'],
      styleSrc: ["'self'", "'unsafe-inline'"],
      scriptSrc: ["'self'"],
      connectSrc: ["'self'"],
      workerSrc: ["'self'"],
      manifestSrc: ["'self'"],
      frameAncestors: ["'none'"],
      baseUri: ["'none'"],
      formAction: ["'self'"],
    },
    // The kiosk uses no camera, microphone, location or payment; the pairing page's camera is its own origin's.
    permissionsPolicy: { camera: ['self'], microphone: [], geolocation: [], payment: [], usb: [], serial: [], hid: [] },
    crossOriginEmbedderPolicy: false,
    // Framed by nobody, as frame-ancestors 'none' says (SAMEORIGIN, hono's default, said otherwise to older browsers).
    xFrameOptions: 'DENY',
  }));

  app.use('/api/*', bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: () => {
      throw fail(413, 'body_too_large', `request body over ${MAX_BODY_BYTES} bytes`);
    },
  }));
  app.use('/api/*', async (c, next) => {
    await next();
    c.header('cache-control', c.res.headers.get('cache-control') ?? 'no-store');
  });
  // An id, number or code in the path is text no store holds with a control character (PostgreSQL cannot even
  // compare one with NUL): refused here, once for every route, instead of a 500 from the query.
  app.use('/api/*', async (c, next) => {
    if (CONTROL_IN_PATH.test(c.req.path) || CONTROL_IN_PATH.test(safeDecode(c.req.path))) throw fail(400, 'invalid', 'the path holds a control character', 'path');
    await next();
  });

  deployRoutes(app, deps);
  // A prefix whose every route needs one credential refuses an unknown path under it as its routes refuse a known
  // one: only a holder of that credential learns that a path does not exist there. Each route checks its own too.
  for (const [prefix, roles] of SIGNED_IN_PREFIXES) app.use(`${prefix}/*`, requireSignIn(deps, roles));
  app.use('/api/v1/staff/*', requireDevice(deps));
  app.route('/api/v1/auth', authRoutes(deps));
  app.route('/api/v1', enrolRoutes(deps));
  app.route('/api/v1', deviceRoutes(deps));
  app.route('/api/v1', qrRoutes(deps));
  app.route('/api/v1', configRoutes(deps));
  app.route('/api/v1', staffRoutes(deps));
  app.route('/api/v1/stats', statsRoutes(deps));
  app.route('/api/v1/insights', insightsRoutes(deps));
  app.route('/api/v1', displayRoutes(deps));
  app.route('/api/v1/export', exportRoutes(deps));
  app.route('/api/v1/admin', adminUserRoutes(deps));
  app.route('/api/v1/admin', adminKioskRoutes(deps));
  app.route('/api/v1/admin', adminAuditRoutes(deps));
  app.route('/api/v1/admin', integrationKeyRoutes(deps));
  app.route('/api/v1', alertRoutes(deps));
  app.route('/api/v1', caseRoutes(deps));
  app.route('/api/v1', caseFigureRoutes(deps));
  app.route('/api/v1', trackRoutes(deps));
  app.all('/api/*', () => {
    throw fail(404, 'not_found', 'no such API route');
  });

  if (deps.staticDir) mountStatic(app, deps.staticDir);

  app.onError((err, c) => {
    if (err instanceof HTTPException) return err.getResponse();
    console.error('unhandled error on', c.req.method, c.req.path, err);
    return c.json({ error: 'internal', message: 'internal error; nothing from this request was stored unless its answer said so' }, 500);
  });
  return app;
}

/** Serves the built PWA: one HTML shell per route family, hashed assets cached for a year. */
function mountStatic(app: Hono<AppEnv>, root: string): void {
  const page = (file: string) => serveStatic<AppEnv>({ root, path: file, precompressed: true, onFound: (_p, c) => { c.header('cache-control', 'no-cache'); } });
  const pages: Array<[string, string]> = [
    ['/', 'index.html'], ['/kiosk', 'pair.html'], ['/kiosk/*', 'kiosk.html'], ['/q/*', 'q.html'],
    ['/dashboard', 'dashboard.html'], ['/dashboard/*', 'dashboard.html'], ['/admin', 'admin.html'], ['/admin/posters', 'posters.html'], ['/admin/*', 'admin.html'],
    ['/display/*', 'display.html'], ['/track', 'track.html'], ['/setup', 'setup.html'],
  ];
  for (const [route, file] of pages) {
    if (existsSync(join(root, file))) app.get(route, page(file));
  }
  app.use('/assets/*', serveStatic({ root, precompressed: true, onFound: (_p, c) => { c.header('cache-control', 'public, max-age=31536000, immutable'); } }));
  app.use('*', serveStatic({ root, precompressed: true, onFound: (_p, c) => { c.header('cache-control', 'no-cache'); } }));
}
