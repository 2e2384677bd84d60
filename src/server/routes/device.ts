import { Hono } from 'hono';
import * as v from 'valibot';
import type { AppDeps, AppEnv } from '../http/context';
import { fail, readJson } from '../http/errors';
import { requireDevice } from '../http/guards';
import { enrolKiosk } from '../auth/kiosks';
import { EnrolRequestSchema, SyncRequestSchema, firstIssue, MAX_BATCH } from '../../shared/wire';
import { ingestBatch } from '../ingest/ingest';
import { audit } from '../audit';

/** Kiosk-facing routes: enrolment (open demo flag or pairing code) and batch sync (device token). */
export function deviceRoutes(deps: AppDeps) {
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

  // Accepts: device token.
  app.post('/sync', requireDevice(deps), async (c) => {
    const body = await readJson(c.req.raw);
    const parsed = v.safeParse(SyncRequestSchema, body);
    if (!parsed.success) {
      const { field, message } = firstIssue(parsed.issues);
      if (field === 'records' && Array.isArray((body as { records?: unknown }).records)) {
        throw fail(413, 'batch_too_large', `at most ${MAX_BATCH} records per batch`, 'records');
      }
      throw fail(400, 'invalid', `${field || 'body'}: ${message}`, field || undefined);
    }
    const kiosk = c.get('kiosk');
    const now = deps.now();
    const results = ingestBatch({
      db: deps.db, config: deps.config, now,
      source: { kind: 'kiosk', kioskId: kiosk.id, siteId: kiosk.siteId },
      clockOffsetMs: parsed.output.clockOffsetMs,
    }, parsed.output.records);
    deps.db.prepare('UPDATE kiosks SET last_seen_at = ? WHERE id = ?').run(now, kiosk.id);
    return c.json({ results, serverTime: new Date(now).toISOString() });
  });

  return app;
}
