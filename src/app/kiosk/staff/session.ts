/** Who has taken the window on this kiosk; kept across reloads in the page's own storage. */

type Stored = { staffId: string | null };

const key = (windowId: string): string => `kiosk-staff:${windowId}`;

/** The signed-in staff id, or the window's configured staff on duty when nobody has signed in or out here yet. */
export function loadStaffId(windowId: string, fallback: string | null): string | null {
  const raw = localStorage.getItem(key(windowId));
  if (raw === null) return fallback;
  try {
    return (JSON.parse(raw) as Stored).staffId;
  } catch {
    return fallback; // an unreadable entry is treated as never set
  }
}

/** Records a sign-in (an id) or a sign-out (null). */
export function saveStaffId(windowId: string, staffId: string | null): void {
  localStorage.setItem(key(windowId), JSON.stringify({ staffId } satisfies Stored));
}
