import { render } from 'preact';
import type { KioskDatabase } from '../../device/store/db';
import { sharedDb } from '../../device/store/connection';
import { responsesBetween } from '../../device/store/records';
import { cachedWindowConfig, loadWindowConfig } from '../../device/config';
import { startDevice, deviceToken, type Device } from '../../device/runtime';
import { createRecorder } from '../../device/recorder';
import { loadVerifiers } from '../../device/staff/verifiers';
import type { PinVerifier } from '../../device/staff/pin';
import type { PinCheck } from '../../device/staff/lockout';
import { inBackground } from '../../device/tasks';
import type { WindowConfig } from '../../shared/config';
import { registerServiceWorker, applyUpdateIfWaiting } from '../common/sw-register';
import { Kiosk } from './Kiosk';
import { loadStaffId, saveStaffId } from './staff/session';
import { dict } from '../i18n/use';
import { version } from '../../../package.json';
import './kiosk.css';

const root = document.getElementById('app')!;
const zh = dict('zh-CN');
const en = dict('en');

function message(text: string): void {
  render(<main class="kiosk-message"><p>{text}</p></main>, root);
}

/** Ratings made here in the last `minutes`, so the misuse rate limit survives a reload. */
async function recentRatingTimes(db: KioskDatabase, windowId: string, minutes: number, now: number): Promise<number[]> {
  const from = new Date(now - minutes * 60_000).toISOString();
  const rows = await responsesBetween(db, from, new Date(now + 1).toISOString());
  return rows.filter((r) => r.windowId === windowId).map((r) => Date.parse(r.deviceTime));
}

type Started = { kind: 'started' } | { kind: 'unknown_window' } | { kind: 'no_config'; message: string };

/**
 * Renders the idle screen from the configuration kept from the last visit when there is one, so a warm start
 * does not wait for the network; the configuration is revalidated, the kiosk enrolled and the sync loop
 * started after the first render.
 */
async function boot(windowId: string): Promise<Started> {
  const db = await sharedDb();
  const now = Date.now();
  let config: WindowConfig | undefined = await cachedWindowConfig(db, windowId);
  const revalidate = loadWindowConfig(db, windowId);
  if (!config) {
    const cfg = await revalidate;
    if (cfg.kind !== 'ok') return cfg.kind === 'unknown_window' ? cfg : { kind: 'no_config', message: cfg.message };
    config = cfg.config;
  }
  document.title = `${config.window.number} ${config.window.name.zh} · ${zh.appTitle}`;

  let device: Device | null = null;
  const recorder = createRecorder({
    db, site: config.site, now: Date.now, afterSave: () => device?.afterSave(),
    channel: { kind: 'kiosk', windowId, recentRatings: await recentRatingTimes(db, windowId, config.site.misuse.windowMinutes, now) },
  });
  // Fetched while online, so staff can still sign in when the network is gone.
  let verifiers: PinVerifier[] | null = null;
  const refreshVerifiers = async (): Promise<PinVerifier[] | null> => (verifiers = await loadVerifiers(db, windowId, await deviceToken(db, windowId)));
  // The sign-in code (PBKDF2, lockout) loads on the first long press, not with the citizens' screens.
  let signIn: Promise<PinCheck> | null = null;
  const checkPin: PinCheck = async (number, pin) => {
    signIn ??= import('../../device/staff/sign-in').then((m) => m.kioskSignIn(db, windowId, async () => verifiers ?? (await refreshVerifiers())));
    return (await signIn)(number, pin);
  };
  const draw = (c: WindowConfig): void => render(
    <Kiosk config={c} recorder={recorder} version={version}
      initialStaffId={loadStaffId(windowId, c.window.staffOnDuty ?? null)}
      onStaffChange={(id) => saveStaffId(windowId, id)}
      db={db} checkPin={checkPin}
      syncNow={async () => device?.loop.syncNow()}
      onIdle={() => applyUpdateIfWaiting()} />,
    root,
  );
  draw(config);

  // Everything else waits for the first frame: the citizen sees the faces first.
  const shown = config;
  requestAnimationFrame(() => setTimeout(() => {
    registerServiceWorker();
    void inBackground(db, 'start sync', async () => {
      await deviceToken(db, windowId); // enrols an open-enrolment kiosk; offline, ratings are kept and the token comes later
      device = await startDevice({ db, windowId, appVersion: version });
      await refreshVerifiers();
    });
    void inBackground(db, 'config', async () => {
      const fresh = await revalidate;
      if (fresh.kind === 'ok' && fresh.from === 'network' && JSON.stringify(fresh.config) !== JSON.stringify(shown)) draw(fresh.config);
    });
  }, 0));
  return { kind: 'started' };
}

/** Starts the kiosk; a start that fails says so plainly and tries again, sooner at first. */
async function start(attempt = 0): Promise<void> {
  const windowId = decodeURIComponent(location.pathname.split('/')[2] ?? '');
  if (!windowId) return message(`${zh.unknownWindow} ${en.unknownWindow}`);
  let r: Started;
  try {
    r = await boot(windowId);
  } catch (e) {
    console.error('kiosk start failed', e);
    r = { kind: 'no_config', message: String(e) };
  }
  if (r.kind === 'started') return;
  if (r.kind === 'unknown_window') return message(`${zh.unknownWindow} ${en.unknownWindow}`);
  message(`${zh.bootFailed} ${en.bootFailed}`);
  const retry = (): void => { removeEventListener('online', retry); clearTimeout(timer); void start(attempt + 1); };
  const timer = setTimeout(retry, Math.min(2_000 * 2 ** attempt, 60_000));
  addEventListener('online', retry);
}

void start();
