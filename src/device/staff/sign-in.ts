/** Staff sign-in on the kiosk, loaded only when staff ask for it: the PIN check inside the delay and lockout. */
import type { KioskDatabase } from '../store/db';
import { getEnrolment } from '../store/meta';
import { guardedSignIn, type PinCheck, type RemotePinCheck } from './lockout';
import { checkStaffPin, type PinVerifier } from './pin';
import { endpointPinCheck } from './remote';

/**
 * The kiosk's sign-in for `windowId`: the endpoint's check first (by default `POST /api/v1/staff/sign-in` with the
 * kiosk's device token), else the stored verifiers when the endpoint cannot be reached.
 */
export function kioskSignIn(db: KioskDatabase, windowId: string, verifiers: () => Promise<PinVerifier[] | null>, remote?: RemotePinCheck): PinCheck {
  const endpoint = remote ?? endpointPinCheck({ token: async () => (await getEnrolment(db, windowId))?.token ?? null });
  return guardedSignIn({ db, windowId, local: async (number, pin) => checkStaffPin(await verifiers(), number, pin), remote: endpoint });
}
