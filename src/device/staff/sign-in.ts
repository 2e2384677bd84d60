/** Staff sign-in on the kiosk, loaded only when staff ask for it: the PIN check inside the delay and lockout. */
import type { KioskDatabase } from '../store/db';
import { guardedSignIn, type PinCheck, type RemotePinCheck } from './lockout';
import { checkStaffPin, type PinVerifier } from './pin';

/** The kiosk's sign-in for `windowId`: `remote` (the endpoint's check, when wired in) first, else the stored verifiers. */
export function kioskSignIn(db: KioskDatabase, windowId: string, verifiers: () => Promise<PinVerifier[] | null>, remote?: RemotePinCheck): PinCheck {
  return guardedSignIn({ db, windowId, local: async (number, pin) => checkStaffPin(await verifiers(), number, pin), ...(remote ? { remote } : {}) });
}
