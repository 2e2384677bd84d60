import { Hono } from 'hono';
import type { AppDeps, AppEnv } from '../http/context';
import { requireDevice } from '../http/guards';

/** One staff member's PIN verifier, as a kiosk keeps it to check sign-ins while offline. */
export interface PinVerifier {
  staffId: string;
  staffNumber: string;
  pinHash: string;
}

/** The PIN verifiers of a site's staff; never part of the public window configuration. */
export function pinVerifiers(deps: AppDeps, siteId: string): PinVerifier[] {
  return deps.config.config.staff
    .filter((s) => s.siteId === siteId && s.pinHash)
    .map((s) => ({ staffId: s.id, staffNumber: s.staffNumber, pinHash: s.pinHash! }));
}

/** /api/v1/staff/verifiers. Accepts: device token (the kiosk of one of the site's windows). */
export function staffRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  app.get('/staff/verifiers', requireDevice(deps), (c) => c.json({ verifiers: pinVerifiers(deps, c.get('kiosk').siteId) }));
  return app;
}
