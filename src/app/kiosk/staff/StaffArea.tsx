/** The staff side of the kiosk (PIN, then the staff corner), loaded only when a long press asks for it. */
import type { KioskDatabase } from '../../../device/store/db';
import { kioskStatus } from '../../../device/status';
import type { Lang } from '../../i18n/dict';
import type { StaffView } from '../chrome/Header';
import { PinDialog } from './PinDialog';
import { StaffCorner } from './StaffCorner';
import type { PinCheck } from '../../../device/staff/lockout';

export interface StaffAreaProps {
  mode: 'pin' | 'corner';
  lang: Lang;
  staff: StaffView | null;
  version: string;
  db: Promise<KioskDatabase>;
  windowId: string;
  timeZone: string;
  /** Checks a staff number and PIN (the kiosk's delay and lockout around it). */
  checkPin: PinCheck;
  syncNow: () => Promise<unknown>;
  onSignedIn: (staffId: string) => void;
  onSignOut: () => void;
  onClose: () => void;
}

export function StaffArea(p: StaffAreaProps) {
  if (p.mode === 'pin') {
    return (
      <PinDialog lang={p.lang} onSignedIn={p.onSignedIn} onCancel={p.onClose}
        check={p.checkPin} />
    );
  }
  return (
    <StaffCorner lang={p.lang} staff={p.staff} version={p.version} syncNow={p.syncNow} onSignOut={p.onSignOut} onClose={p.onClose}
      loadStatus={async () => kioskStatus(await p.db, p.windowId, p.timeZone)} />
  );
}
