import { render } from 'preact';
import { openKioskDb, type KioskDatabase } from '../../device/store/db';
import { responsesBetween } from '../../device/store/records';
import { loadWindowConfig } from '../../device/config';
import { ensureEnrolled } from '../../device/enrol';
import { getEnrolment } from '../../device/store/meta';
import { startDevice } from '../../device/runtime';
import { registerServiceWorker, applyUpdateIfWaiting } from '../common/sw-register';
import { Kiosk } from './Kiosk';
import { createRecorder } from './recorder';
import type { PinVerifier } from './staff/pin';
import { loadVerifiers } from './staff/verifiers';
import { loadStaffId, saveStaffId } from './staff/session';
import { dict } from '../i18n/use';
import { version } from '../../../package.json';
import './kiosk.css';

const root = document.getElementById('app')!;

function message(text: string): void {
  render(<main class="kiosk-message"><p>{text}</p></main>, root);
}

/** Ratings made here in the last `minutes`, so the misuse rate limit survives a reload. */
async function recentRatingTimes(db: KioskDatabase, windowId: string, minutes: number, now: number): Promise<number[]> {
  const from = new Date(now - minutes * 60_000).toISOString();
  const rows = await responsesBetween(db, from, new Date(now + 1).toISOString());
  return rows.filter((r) => r.windowId === windowId).map((r) => Date.parse(r.deviceTime));
}

async function boot(): Promise<void> {
  const windowId = decodeURIComponent(location.pathname.split('/')[2] ?? '');
  registerServiceWorker();
  const t = dict('zh-CN');
  if (!windowId) return message(`${t.unknownWindow} ${dict('en').unknownWindow}`);
  const db = await openKioskDb();
  const cfg = await loadWindowConfig(db, windowId);
  if (cfg.kind === 'unknown_window') return message(`${t.unknownWindow} ${dict('en').unknownWindow}`);
  if (cfg.kind === 'unavailable') return message(`${t.notEnrolled} ${dict('en').notEnrolled}`);
  const config = cfg.config;
  document.title = `${config.window.number} ${config.window.name.zh} · ${t.appTitle}`;
  await ensureEnrolled(db, windowId); // offline: ratings are kept and the token is fetched later

  const getToken = async (): Promise<string | null> => {
    const e = (await getEnrolment(db, windowId)) ?? (await ensureEnrolled(db, windowId).then((r) => (r.kind === 'enrolled' ? r.enrolment : undefined)));
    return e?.token ?? null;
  };
  // Sync loop, heartbeats to the fleet view, Background Sync when a drain must wait.
  const device = await startDevice({ db, windowId, appVersion: version });
  const loop = device.loop;

  // Fetched while online, so staff can still sign in when the network is gone.
  let verifiers: PinVerifier[] | null = null;
  const refreshVerifiers = async (): Promise<PinVerifier[] | null> => (verifiers = await loadVerifiers(db, windowId, await getToken()));
  void refreshVerifiers();

  const now = Date.now();
  const recorder = createRecorder({
    db, windowId, site: config.site, now: Date.now,
    recentRatings: await recentRatingTimes(db, windowId, config.site.misuse.windowMinutes, now),
    afterSave: () => device.afterSave(),
  });

  render(
    <Kiosk config={config} recorder={recorder} version={version}
      initialStaffId={loadStaffId(windowId, config.window.staffOnDuty ?? null)}
      onStaffChange={(id) => saveStaffId(windowId, id)}
      db={db} getVerifiers={async () => verifiers ?? (await refreshVerifiers())}
      syncNow={() => loop.syncNow()}
      onIdle={() => applyUpdateIfWaiting()} />,
    root,
  );
}

void boot();
