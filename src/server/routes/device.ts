import { Hono } from 'hono';
import * as v from 'valibot';
import type { AppDeps, AppEnv } from '../http/context';
import { fail, readJson } from '../http/errors';
import { jsonBody } from '../http/validate';
import { requireDevice } from '../http/guards';
import { deviceLabel } from '../../shared/user-agent';
import { HeartbeatSchema, SyncRequestSchema, firstIssue, MAX_BATCH, SEQ_MAX, type HeartbeatAnswer } from '../../shared/wire';
import { ingestBatch } from '../ingest/ingest';
import { batchHooks } from '../cases/open';

/**
 * How far the device clock is off: measured on this very request when the device says when it sent it
 * (off by at most the request's transit time), else the device's own estimate from earlier answers.
 */
export function deviceClockOffset(req: { clockOffsetMs?: number | undefined; sentAt?: number | undefined }, receivedAt: number): number | undefined {
  return req.sentAt !== undefined ? req.sentAt - receivedAt : req.clockOffsetMs;
}

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
    const results = await ingestBatch({
      store: deps.store, config: deps.config, now, hooks: batchHooks(deps, parsed.output.records),
      source: { kind: 'kiosk', kioskId: kiosk.id, siteId: kiosk.siteId, windows: [kiosk.windowId, ...kiosk.pastWindows] },
      clockOffsetMs: deviceClockOffset(parsed.output, now),
      finally: (t) => t.kiosks.seen(kiosk.id, now), // in the batch's own transaction: one commit per sync
    }, parsed.output.records);
    return c.json({ results, serverTime: new Date(now).toISOString() });
  });

  // Accepts: device token. Keeps the latest report per kiosk for the fleet view,
  // with the endpoint's receive time and the kiosk's sequence gaps recomputed; answers with the kiosk's window.
  app.post('/heartbeat', requireDevice(deps), jsonBody(HeartbeatSchema), async (c) => {
    const kiosk = c.get('kiosk');
    const now = deps.now();
    const found = await deps.store.kiosks.seqGaps(kiosk.id, 20);
    // Records stored before seq had a maximum can span more than a 32-bit column (PostgreSQL) or a finite count (SQLite) holds.
    const gaps = { ...found, missing: Math.min(found.missing, SEQ_MAX) };
    const hb = c.req.valid('json');
    // Numbers missing beyond what the device still holds (queued or dead-lettered) were lost on the way.
    const unexplained = Math.max(0, gaps.missing - hb.pending - hb.deadLetters);
    // The tablet's model and browser from the request's User-Agent (the same string the page sees), unless it said them.
    const ua = deviceLabel((c.req.header('user-agent') ?? '').slice(0, 512));
    const label = hb.model || hb.browser ? { model: hb.model, browser: hb.browser } : { model: ua.model?.slice(0, 80) ?? null, browser: ua.browser?.slice(0, 80) ?? null };
    const stored = { ...hb, ...label, receivedAt: now, seqMissing: gaps.missing, seqGaps: gaps.gaps, seqUnexplained: unexplained };
    await deps.store.kiosks.saveHeartbeat(kiosk.id, JSON.stringify(stored), gaps, now);
    // The kiosk's window as it stands now: after an admin's Move the tablet follows it to the new one.
    const answer: HeartbeatAnswer = { ok: true, serverTime: new Date(now).toISOString(), seqMissing: gaps.missing, seqUnexplained: unexplained, windowId: kiosk.windowId };
    return c.json(answer);
  });

  return app;
}
