/**
 * QR codes: case codes for receipts (一事一评), poster data, a kiosk's presence key, key rotation,
 * and the phones' sync route, where every record carries its own signed token.
 */
import { requestOrigin } from '../process/public-url';
import { Hono } from 'hono';
import { createMiddleware } from 'hono/factory';
import * as v from 'valibot';
import type { AppDeps, AppEnv } from '../http/context';
import type { LimitKey } from '../store';
import { fail, readJson } from '../http/errors';
import { check } from '../http/validate';
import { clientAddress, proxiedClient, requireDevice, requireUser } from '../http/guards';
import { ingestBatch } from '../ingest/ingest';
import { batchHooks } from '../cases/open';
import { SyncRequestSchema, firstIssue, MAX_BATCH, NO_NUL } from '../../shared/wire';
import { surveyUrl, verifyToken, type Verified } from '../../shared/token';
import { activeSecret, ensureSiteSecrets, rotateSiteSecret } from '../qr/secrets';
import { storeKeySources, keyResolver, presenceKeyFor, presenceTokenFor, PRESENCE_TOKEN_LIMIT } from '../qr/keys';
import { issueCaseToken, issuePosterToken, markCaseRectified, registerCase } from '../qr/issue';
import { ARRIVAL_GRACE_MS, phoneCheck } from '../qr/rules';
import { qrSvg } from '../qr/svg';
import { audit } from '../audit';
import { integrationKeyOf, looksLikeIntegrationKey, type IntegrationKey } from '../auth/integrations';

const CaseRequestSchema = v.object({
  windowId: v.optional(v.pipe(v.string(), v.minLength(1), v.maxLength(64), NO_NUL)),
  caseNo: v.pipe(v.string(), v.trim(), v.regex(/^[A-Za-z0-9][A-Za-z0-9_\-/.]{0,63}$/, 'must be 1–64 letters, digits or - _ / .')),
  followUp: v.optional(v.boolean(), false),
});

const PhoneSyncSchema = v.object({ ...SyncRequestSchema.entries, deviceId: v.pipe(v.string(), v.regex(/^[A-Za-z0-9-]{8,64}$/, 'must be the phone\'s device id')) });

const RotateSchema = v.object({ siteId: v.pipe(v.string(), v.minLength(1), v.maxLength(64), NO_NUL) });


export function qrRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  // Created at first start; QR requests wait for it, so none finds a site without a secret.
  const ready = ensureSiteSecrets(deps.store, deps.config.config.sites.map((s) => s.id), deps.now());
  ready.catch((e: unknown) => console.error('could not create the QR signing secrets', e));
  const secretsReady = createMiddleware<AppEnv>(async (_c, next) => {
    await ready;
    await next();
  });
  app.use('/qr/*', secretsReady);
  app.use('/q/*', secretsReady);
  const keyFor = keyResolver(storeKeySources(deps.store));
  const admin = requireUser(deps, ['admin']);
  const device = requireDevice(deps);
  /** An admin session; a queue or receipt system's integration key; or a kiosk's device token. */
  const issuer = createMiddleware<AppEnv>(async (c, next) => {
    const auth = c.req.header('authorization');
    if (!auth) return admin(c, next);
    const token = /^Bearer\s+(\S+)$/i.exec(auth)?.[1] ?? '';
    if (!looksLikeIntegrationKey(token)) return device(c, next);
    const key = await integrationKeyOf(deps.store, token);
    if (!key) throw fail(401, 'bad_integration_key', 'the integration key is unknown or revoked; ask an admin for a new one');
    c.set('integration', key);
    await next();
  });

  // Accepts: admin session, integration key (its hall's windows) or device token (its own window).
  // Returns the case's survey URL and its QR code as SVG.
  app.post('/qr/case', issuer, async (c) => {
    const body = check(CaseRequestSchema, await readJson(c.req.raw));
    const kiosk = c.get('kiosk') as AppEnv['Variables']['kiosk'] | undefined;
    const integration = c.get('integration') as IntegrationKey | undefined;
    const windowId = body.windowId ?? kiosk?.windowId;
    if (!windowId) throw fail(400, 'invalid', 'windowId: required', 'windowId');
    const site = deps.config.siteOfWindow(windowId);
    if (!site) throw fail(404, 'unknown_window', `unknown window "${windowId}"`, 'windowId');
    // A kiosk serves one window: it may not claim (and rate first) another window's case numbers.
    if (kiosk && kiosk.windowId !== windowId) throw fail(403, 'forbidden', `this kiosk issues case codes for its own window "${kiosk.windowId}" only`, 'windowId');
    if (integration && integration.siteId !== site.id) throw fail(403, 'forbidden', `this integration key issues case codes for hall "${integration.siteId}" only`, 'windowId');
    const now = deps.now();
    const by = kiosk ? `kiosk:${kiosk.id}` : integration ? `integration:${integration.id}` : c.get('session').user.username;
    const reg = await registerCase(deps.store, { caseNo: body.caseNo, siteId: site.id, windowId, by }, now);
    if (reg.kind === 'other_window') {
      await audit(deps.store, by, 'qr_case_refused', { caseNo: body.caseNo, windowId, belongsTo: reg.windowId }, now, clientAddress(c));
      throw fail(409, 'case_other_window', `case "${body.caseNo}" belongs to window "${reg.windowId}"`, 'caseNo');
    }
    if (!body.followUp && reg.case.issuedBy !== by) {
      await audit(deps.store, by, 'qr_case_reissued', { caseNo: body.caseNo, windowId, issuedBy: reg.case.issuedBy }, now, clientAddress(c));
    }
    if (body.followUp && reg.case.rectifiedAt === null) throw fail(409, 'case_not_rectified', 'a follow-up rating is possible once the case is rectified', 'followUp');
    const issued = await issueCaseToken(deps.store, site.id, windowId, body.caseNo, body.followUp, now);
    if (issued.kind !== 'ok') throw fail(503, 'no_secret', 'the site has no signing secret');
    const url = surveyUrl(requestOrigin(c.req.url), windowId, issued.token);
    return c.json({ caseNo: body.caseNo, windowId, followUp: body.followUp, url, token: issued.token, expiresAt: new Date(issued.expiresAt).toISOString(), svg: qrSvg(url) });
  });

  // Accepts: admin session. Marks a case rectified (整改), which admits its one follow-up rating (二次评价).
  app.post('/qr/case/:caseNo/rectified', admin, async (c) => {
    const caseNo = c.req.param('caseNo');
    // The mark and its audit line are kept together or not at all.
    const marked = await deps.store.tx(async (t) => {
      const ok = await markCaseRectified(t, caseNo, deps.now());
      if (ok) await audit(t, c.get('session').user.username, 'qr_case_rectified', { caseNo }, deps.now());
      return ok;
    });
    if (!marked) throw fail(404, 'unknown_case', `unknown case "${caseNo}"`);
    return c.json({ caseNo, rectified: true });
  });

  // Accepts: admin session. One poster per window: number, name, survey URL and its QR code.
  app.get('/qr/posters', admin, async (c) => {
    const now = deps.now();
    const base = requestOrigin(c.req.url);
    const posters = [];
    for (const w of deps.config.config.windows) {
      const site = deps.config.sites.get(w.siteId)!;
      const issued = await issuePosterToken(deps.store, site.id, w.id, now);
      if (issued.kind !== 'ok') continue;
      const url = surveyUrl(base, w.id, issued.token);
      posters.push({ windowId: w.id, number: w.number, name: w.name, site: site.name, url, expiresAt: new Date(issued.expiresAt).toISOString(), svg: qrSvg(url) });
    }
    return c.json({ posters });
  });

  // Accepts: admin session. New site secret: every poster, case code and presence key made before stops working.
  app.post('/qr/rotate', admin, async (c) => {
    const { siteId } = check(RotateSchema, await readJson(c.req.raw));
    if (!deps.config.sites.has(siteId)) throw fail(404, 'unknown_site', `unknown site "${siteId}"`, 'siteId');
    // The new secret and its audit line are kept together or not at all.
    const s = await deps.store.tx(async (t) => {
      const secret = await rotateSiteSecret(t, siteId, deps.now());
      await audit(t, c.get('session').user.username, 'qr_secret_rotated', { siteId, kid: secret.kid }, deps.now());
      return secret;
    });
    return c.json({ siteId, kid: s.kid });
  });

  // Accepts: device token. The kiosk's key for signing presence codes of its own window, offline.
  app.get('/qr/presence-key', device, async (c) => {
    const kiosk = c.get('kiosk');
    const secret = await activeSecret(deps.store, kiosk.siteId);
    if (!secret) throw fail(503, 'no_secret', 'the site has no signing secret');
    return c.json(await presenceKeyFor(secret, kiosk));
  });

  // Accepts: device token. A presence token for the kiosk's own window, signed here for a kiosk without WebCrypto
  // (plain HTTP); `?windowId=` names the window the kiosk shows, and another kiosk's window is refused.
  app.get('/qr/presence-token', device, async (c) => {
    const kiosk = c.get('kiosk');
    const asked = c.req.query('windowId');
    if (asked !== undefined && asked !== kiosk.windowId) throw fail(403, 'forbidden', `this kiosk gets presence codes for its own window "${kiosk.windowId}" only`, 'windowId');
    const now = deps.now();
    // The limits table counts issued codes here, each before it is signed, so requests in flight together cannot pass the limit.
    const issuedCodes: LimitKey[] = [{ scope: 'presence_token', key: kiosk.id }];
    const verdict = await deps.store.limits.reserve(issuedCodes, now - PRESENCE_TOKEN_LIMIT.windowMs, ([recent = []]) => recent.length < PRESENCE_TOKEN_LIMIT.max ? { kind: 'allowed' as const }
      : { kind: 'limited' as const, retry: Math.max(1, Math.ceil((recent[recent.length - PRESENCE_TOKEN_LIMIT.max]! + PRESENCE_TOKEN_LIMIT.windowMs - now) / 1000)) }, issuedCodes, now);
    if (verdict.kind === 'limited') {
      const limited = fail(429, 'too_many_codes', `a kiosk gets at most ${PRESENCE_TOKEN_LIMIT.max} presence codes a minute; try again in ${verdict.retry} s`);
      limited.res?.headers.set('retry-after', String(verdict.retry));
      throw limited;
    }
    const secret = await activeSecret(deps.store, kiosk.siteId);
    if (!secret) {
      await deps.store.limits.release(issuedCodes, now); // no code was issued
      throw fail(503, 'no_secret', 'the site has no signing secret');
    }
    const issued = await presenceTokenFor(secret, kiosk, now);
    c.header('cache-control', 'no-store');
    return c.json({ windowId: kiosk.windowId, token: issued.token, url: surveyUrl(requestOrigin(c.req.url), kiosk.windowId, issued.token), expiresAt: new Date(issued.expiresAt).toISOString() });
  });

  // Accepts: a signed QR token (?t=). Whether a case can still be rated, so a phone tells its citizen before the form.
  app.get('/q/case-status', async (c) => {
    const token = c.req.query('t') ?? '';
    if (!token || token.length > 2048) throw fail(400, 'invalid', 't: a QR token is required', 't');
    const now = deps.now();
    const v = await verifyToken(token, { nowMs: now, keyFor, graceMs: 0 });
    if (!v.ok) throw fail(401, 'token_invalid', `the code cannot be used: ${v.reason}`, 't');
    if (v.claims.k !== 'case' || !v.claims.c) return c.json({ state: 'open' });
    const followUp = v.claims.f === 1;
    if (await deps.store.qr.caseRated(v.claims.c, followUp, '')) return c.json({ state: 'rated' });
    if (followUp && (await deps.store.qr.caseByNo(v.claims.c))?.rectified_at == null) return c.json({ state: 'not_rectified' });
    return c.json({ state: 'open' });
  });

  // Accepts: nothing but the signed QR token inside each record (phones are not enrolled).
  app.post('/q/sync', async (c) => {
    const body = await readJson(c.req.raw);
    const parsed = v.safeParse(PhoneSyncSchema, body);
    if (!parsed.success) {
      const { field, message } = firstIssue(parsed.issues);
      if (field === 'records' && Array.isArray((body as { records?: unknown }).records)) {
        throw fail(413, 'batch_too_large', `at most ${MAX_BATCH} records per batch`, 'records');
      }
      throw fail(400, 'invalid', `${field || 'body'}: ${message}`, field || undefined);
    }
    const { deviceId, records, clockOffsetMs } = parsed.output;
    const now = deps.now();
    // Signatures are checked here, before the ingest transaction, once per distinct token.
    const verdicts = new Map<string, Verified>();
    for (const r of records) {
      const t = typeof r === 'object' && r !== null ? (r as { token?: unknown }).token : undefined;
      if (typeof t === 'string' && t.length <= 2048 && !verdicts.has(t)) verdicts.set(t, await verifyToken(t, { nowMs: now, keyFor, graceMs: ARRIVAL_GRACE_MS }));
    }
    const results = await ingestBatch({
      store: deps.store, config: deps.config, now, clockOffsetMs, hooks: batchHooks(deps, records),
      source: { kind: 'qr', deviceId },
      check: phoneCheck(verdicts, deviceId, now, proxiedClient(c), (id) => deps.config.staff.get(id)?.siteId),
    }, records);
    return c.json({ results, serverTime: new Date(now).toISOString() });
  });

  return app;
}
