/**
 * The endpoint's check of a staff PIN (POST /api/v1/staff/sign-in), asked first when the endpoint can be reached:
 * there the guesses are limited per (staff number, kiosk) in the store, beyond the reach of a wiped tablet.
 * Anything but a checked answer (offline, a timeout, a 5xx) is `unreachable`: the kiosk's own verifiers decide, so
 * staff still sign in offline. A refused device token (401: the kiosk was revoked) is `unpaired`.
 */
import * as v from 'valibot';
import type { RemotePinCheck } from './lockout';
import { StaffSignInAnswerSchema } from '../../shared/staff-wire';

export interface EndpointPinCheckOptions {
  /** The kiosk's device token, or null before enrolment. */
  token: () => Promise<string | null>;
  fetchFn?: typeof fetch;
  baseUrl?: string;
  /** A sign-in must not hang on a dying network: past this the kiosk's verifiers decide. */
  timeoutMs?: number;
  now?: () => number;
}

/** A `RemotePinCheck` over the endpoint's sign-in route. */
export function endpointPinCheck(opts: EndpointPinCheckOptions): RemotePinCheck {
  const fetchFn = opts.fetchFn ?? ((...a: Parameters<typeof fetch>) => fetch(...a));
  const now = opts.now ?? Date.now;
  return async (staffNumber, pin) => {
    const token = await opts.token();
    if (!token) return { kind: 'unreachable' };
    let res: Response;
    try {
      res = await fetchFn(`${opts.baseUrl ?? ''}/api/v1/staff/sign-in`, {
        method: 'POST', cache: 'no-store', signal: AbortSignal.timeout(opts.timeoutMs ?? 5_000),
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ staffNumber: staffNumber.trim(), pin }),
      });
    } catch {
      return { kind: 'unreachable' }; // offline or timed out: the verifiers on the kiosk decide
    }
    if (res.status === 429) {
      const body = (await res.json().catch(() => null)) as { retryAfterSeconds?: unknown } | null;
      const seconds = typeof body?.retryAfterSeconds === 'number' ? body.retryAfterSeconds : Number(res.headers.get('retry-after') ?? 60);
      return { kind: 'locked', until: now() + Math.max(1, Number.isFinite(seconds) ? seconds : 60) * 1000 };
    }
    if (!res.ok) {
      await res.body?.cancel();
      // The kiosk's token refused (revoked): its stored verifiers went with it, so say so rather than "offline".
      return res.status === 401 ? { kind: 'unpaired' } : { kind: 'unreachable' };
    }
    const parsed = v.safeParse(StaffSignInAnswerSchema, await res.json().catch(() => null));
    return parsed.success ? parsed.output : { kind: 'unreachable' };
  };
}
