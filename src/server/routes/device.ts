import { Hono } from 'hono';
import * as v from 'valibot';
import type { AppDeps, AppEnv } from '../http/context';
import { fail, readJson } from '../http/errors';
import { requireDevice } from '../http/guards';
import { SyncRequestSchema, firstIssue, MAX_BATCH } from '../../shared/wire';
import { ingestBatch } from '../ingest/ingest';

/** Kiosk-facing batch sync (device token). */
export function deviceRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();

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
