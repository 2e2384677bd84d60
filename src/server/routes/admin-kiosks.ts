import { Hono } from 'hono';
import type { AppDeps, AppEnv } from '../http/context';
import { fail } from '../http/errors';
import { jsonBody } from '../http/validate';
import { MoveKioskSchema, PairingRequestSchema } from '../../shared/api';
import { clientAddress, requireUser } from '../http/guards';
import { kioskListing, listKiosks, moveKiosk, revokeKiosk } from '../auth/kiosks';
import { createPairingCode, formatCode } from '../auth/pairing';
import { fleet } from '../auth/fleet';
import { audit } from '../audit';

/** The site of a window the body names; an unknown window is a 404 naming the field. */
function siteOfWindow(deps: AppDeps, windowId: string) {
  const site = deps.config.siteOfWindow(windowId);
  if (!site) throw fail(404, 'unknown_window', `unknown window "${windowId}"`, 'windowId');
  return site;
}

/** /api/v1/admin/kiosks. Accepts: admin session (+ CSRF header on writes). */
export function adminKioskRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  app.use('*', requireUser(deps, ['admin']));

  // Accepts: admin session.
  app.get('/kiosks', async (c) => c.json({
    now: deps.now(),
    kiosks: fleet(await listKiosks(deps.store), deps.config.sites, (id) => deps.config.windows.get(id)?.number ?? id, deps.now()),
  }));

  // Accepts: admin session + CSRF header. The QR code holds the pairing page URL with the code, for a tablet's camera.
  app.post('/kiosks/pairing-codes', jsonBody(PairingRequestSchema), async (c) => {
    const { windowId, name } = c.req.valid('json');
    const site = siteOfWindow(deps, windowId);
    const user = c.get('session').user.username;
    const p = await createPairingCode(deps.store, site.id, windowId, user, deps.now(), name || null);
    const url = `${new URL(c.req.url).origin}/kiosk?code=${p.code}`;
    const { default: QRCode } = await import('qrcode'); // loaded when an admin pairs a kiosk, not held by every endpoint
    const qrSvg = await QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
    await audit(deps.store, user, 'pairing_code_created', { windowId, name: p.name, expiresAt: new Date(p.expiresAt).toISOString() }, deps.now(), clientAddress(c));
    return c.json({ code: formatCode(p.code), windowId, siteId: site.id, expiresAt: p.expiresAt, url, qrSvg }, 201);
  });

  // Accepts: admin session + CSRF header.
  app.post('/kiosks/:id/revoke', async (c) => {
    const id = c.req.param('id');
    // The revocation and its audit line are kept together or not at all.
    const revoked = await deps.store.tx(async (t) => {
      const ok = await revokeKiosk(t, id, deps.now());
      if (ok) await audit(t, c.get('session').user.username, 'kiosk_revoked', { kioskId: id }, deps.now(), clientAddress(c));
      return ok;
    });
    if (!revoked) throw fail(404, 'not_found', `no active kiosk "${id}"`, 'id');
    return c.json({ ok: true });
  });

  // Accepts: admin session + CSRF header.
  app.post('/kiosks/:id/move', jsonBody(MoveKioskSchema), async (c) => {
    const id = c.req.param('id');
    const { windowId } = c.req.valid('json');
    const site = siteOfWindow(deps, windowId);
    const before = await kioskListing(deps.store, id);
    // A device token is a hall's: moving a kiosk to another hall's window is a new pairing there, not a move.
    if (before && before.siteId !== site.id) throw fail(409, 'other_site', `kiosk "${id}" belongs to another hall; pair a tablet there instead`, 'windowId');
    // The move and its audit line are kept together or not at all.
    const moved = before !== null && await deps.store.tx(async (t) => {
      const ok = await moveKiosk(t, id, site.id, windowId);
      if (ok) await audit(t, c.get('session').user.username, 'kiosk_moved', { kioskId: id, from: before.windowId, to: windowId }, deps.now(), clientAddress(c));
      return ok;
    });
    if (!moved) throw fail(404, 'not_found', `no active kiosk "${id}"`, 'id');
    return c.json({ ok: true });
  });

  return app;
}
