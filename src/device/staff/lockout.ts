/**
 * Wrong staff PINs on a kiosk: a few are free, then each one makes the next try wait longer, and after
 * `lockAfter` in a row sign-in is refused for `lockMs`. Kept in IndexedDB, so a reload does not reset it.
 */
import type { KioskDatabase } from '../store/db';
import { getMeta, putMeta, type PinLock } from '../store/meta';
import type { SignInResult } from './pin';

export interface LockoutPolicy {
  /** Wrong PINs in a row allowed without a wait. */
  free: number;
  /** The wait after the first counted failure; doubled by each further one. */
  firstDelayMs: number;
  maxDelayMs: number;
  /** Wrong PINs in a row after which the kiosk refuses sign-in for `lockMs`. */
  lockAfter: number;
  lockMs: number;
}

export const DEFAULT_LOCKOUT: LockoutPolicy = { free: 3, firstDelayMs: 30_000, maxDelayMs: 15 * 60_000, lockAfter: 10, lockMs: 60 * 60_000 };

export const NO_FAILURES: PinLock = { failures: 0, until: 0 };

/** The state after one more wrong PIN at `now`. */
export function afterWrongPin(state: PinLock, now: number, p: LockoutPolicy = DEFAULT_LOCKOUT): PinLock {
  const failures = state.failures + 1;
  if (failures >= p.lockAfter) return { failures, until: now + p.lockMs };
  if (failures < p.free) return { failures, until: 0 };
  return { failures, until: now + Math.min(p.firstDelayMs * 2 ** (failures - p.free), p.maxDelayMs) };
}

/** A check of a staff number and PIN: against the kiosk's verifiers, or the endpoint's sign-in when wired in. */
export type PinCheck = (staffNumber: string, pin: string) => Promise<SignInResult>;

/**
 * The endpoint's own check of a PIN, tried first when the endpoint can be reached (the hook for a server-side
 * sign-in with its own limits); `unreachable` falls back to the kiosk's verifiers.
 */
export type RemotePinCheck = (staffNumber: string, pin: string) => Promise<SignInResult | { kind: 'unreachable' }>;

/** Wraps `local` (and `remote`, when given) in the kiosk's delay and lockout for `windowId`. */
export function guardedSignIn(opts: { db: KioskDatabase; windowId: string; local: PinCheck; remote?: RemotePinCheck; now?: () => number; policy?: LockoutPolicy }): PinCheck {
  const now = opts.now ?? Date.now;
  const key = `pinLock:${opts.windowId}` as const;
  return async (staffNumber, pin) => {
    const state = (await getMeta(opts.db, key)) ?? NO_FAILURES;
    if (state.until > now()) return { kind: 'locked', until: state.until };
    const fromRemote = opts.remote ? await opts.remote(staffNumber, pin) : { kind: 'unreachable' as const };
    const r = fromRemote.kind === 'unreachable' ? await opts.local(staffNumber, pin) : fromRemote;
    if (r.kind === 'ok') await putMeta(opts.db, key, NO_FAILURES);
    if (r.kind !== 'wrong') return r;
    const next = afterWrongPin(state, now(), opts.policy);
    await putMeta(opts.db, key, next);
    return next.until > now() ? { kind: 'locked', until: next.until } : r;
  };
}
