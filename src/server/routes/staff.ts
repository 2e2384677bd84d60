import { Hono } from 'hono';
import type { AppDeps, AppEnv } from '../http/context';
import { requireDevice } from '../http/guards';
import { fail } from '../http/errors';
import { jsonBody } from '../http/validate';
import { AttemptGate } from '../auth/ratelimit';
import { PIN_RULES } from '../auth/attempts';
import { checkStaffPinOnServer } from '../auth/pins';
import { waitText } from './auth';
import { StaffSignInRequestSchema, type StaffSignInAnswer } from '../../shared/staff-wire';

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

/** /api/v1/staff/verifiers and /api/v1/staff/sign-in. Accepts: device token (the kiosk of one of the site's windows). */
export function staffRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  const device = requireDevice(deps);
  // Per (staff number, kiosk): wrong PINs on one tablet never lock the same person out on another.
  const wrongPins = new AttemptGate(deps.store, 'pin', PIN_RULES, deps.now);

  // Only a kiosk an admin paired with a code holds verifiers to check PINs offline: on an open-enrolment demo
  // site anyone can enrol, and a verifier in hand can be guessed at without any limit.
  app.get('/staff/verifiers', device, async (c) => {
    const kiosk = c.get('kiosk');
    if (!(await deps.store.pairing.paired(kiosk.id))) {
      throw fail(403, 'pairing_required', 'PIN verifiers are given only to kiosks paired with a code from an admin; staff sign in online');
    }
    return c.json({ verifiers: pinVerifiers(deps, kiosk.siteId) });
  });

  // The endpoint's own check of a PIN, with a growing delay per (staff number, kiosk) kept in the store.
  app.post('/staff/sign-in', device, jsonBody(StaffSignInRequestSchema), async (c) => {
    const kiosk = c.get('kiosk');
    const { staffNumber, pin } = c.req.valid('json');
    // Counted as wrong before the slow check, so PINs kept in flight together cannot pass the limit.
    const attempt = await wrongPins.attempt(staffNumber, kiosk.id);
    if (attempt.kind === 'limited') {
      return c.json({ error: 'too_many_attempts', message: `too many wrong PINs; try again in ${waitText(attempt.retryAfterSeconds)}`, retryAfterSeconds: attempt.retryAfterSeconds },
        429, { 'retry-after': String(attempt.retryAfterSeconds) });
    }
    const staff = await checkStaffPinOnServer(deps.config.config.staff, kiosk.siteId, staffNumber, pin);
    if (!staff) {
      await wrongPins.failed(attempt);
      return c.json({ kind: 'wrong' } satisfies StaffSignInAnswer);
    }
    await wrongPins.succeed(attempt);
    return c.json({ kind: 'ok', staffId: staff.id } satisfies StaffSignInAnswer);
  });
  return app;
}
