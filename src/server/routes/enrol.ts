import { Hono } from 'hono';
import * as v from 'valibot';
import type { AppDeps, AppEnv } from '../http/context';
import { fail, readJson } from '../http/errors';
import { enrolKiosk } from '../auth/kiosks';
import { EnrolRequestSchema, firstIssue } from '../../shared/wire';
import { audit } from '../audit';

/** Kiosk enrolment: open demo flag or pairing code. */
export function enrolRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();

  // Accepts: nothing on an open-enrolment site (demo, never in production); otherwise a pairing code.
  app.post('/enrol', async (c) => {
    const parsed = v.safeParse(EnrolRequestSchema, await readJson(c.req.raw));
    if (!parsed.success) {
      const { field, message } = firstIssue(parsed.issues);
      throw fail(400, 'invalid', `${field} ${message}`, field);
    }
    const { windowId } = parsed.output;
    const site = deps.config.siteOfWindow(windowId);
    if (!site) throw fail(404, 'unknown_window', `unknown window "${windowId}"`, 'windowId');
    if (!site.openEnrolment || deps.production) {
      throw fail(403, 'pairing_code_required', 'this site enrols kiosks with a pairing code from an admin', 'code');
    }
    const { kiosk, token } = enrolKiosk(deps.db, site.id, windowId, deps.now());
    audit(deps.db, `kiosk:${kiosk.id}`, 'kiosk_enrolled', { windowId, open: true }, deps.now());
    return c.json({ deviceId: kiosk.id, token, windowId, siteId: site.id });
  });

  return app;
}
