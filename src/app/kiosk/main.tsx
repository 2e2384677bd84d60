import { render } from 'preact';
import type { KioskDatabase } from '../../device/store/db';
import { sharedDb } from '../../device/store/connection';
import { responsesBetween } from '../../device/store/records';
import { firstPaintConfig, loadWindowConfig, storeWindowConfig } from '../../device/config';
import { startDevice, deviceToken, type Device } from '../../device/runtime';
import { createRecorder } from '../../device/recorder';
import type { PinVerifier } from '../../device/staff/pin';
import type { PinCheck } from '../../device/staff/lockout';
import { inBackground } from '../../device/tasks';
import type { WindowConfig } from '../../shared/config';
import { registerServiceWorker, applyUpdateIfWaiting } from '../common/sw-register';
import { Kiosk } from './Kiosk';
import { preloadLaterScreens } from './preload';
import { loadStaffId, saveStaffId } from './staff/session';
import { citizenDict, loadLanguage } from '../i18n/citizen';
import { version } from '../../../package.json';
import './kiosk.css';

const root = document.getElementById('app')!;
const zh = citizenDict('zh-CN');

/** A plain message in Chinese and English (Chinese alone when the English texts cannot be loaded). */
async function message(key: 'unknownWindow' | 'bootFailed'): Promise<void> {
  const en = await loadLanguage('en').then(() => citizenDict('en')[key], () => null);
  render(<main class="kiosk-message"><p>{en ? `${zh[key]} ${en}` : zh[key]}</p></main>, root);
}

/** Ratings made here in the last `minutes`, so the misuse rate limit survives a reload. */
async function recentRatingTimes(db: KioskDatabase, windowId: string, minutes: number, now: number): Promise<number[]> {
  const from = new Date(now - minutes * 60_000).toISOString();
  const rows = await responsesBetween(db, from, new Date(now + 1).toISOString());
  return rows.filter((r) => r.windowId === windowId).map((r) => Date.parse(r.deviceTime));
}

type Started = { kind: 'started' } | { kind: 'unknown_window' } | { kind: 'no_config'; message: string };
type FirstConfig = { kind: 'ok'; config: WindowConfig; fresh: boolean } | { kind: 'unknown_window' } | { kind: 'no_config'; message: string };

/** The answer to the request kiosk-prefetch.js started while the modules loaded, if it started one. */
function earlyConfigRequest(): Promise<Response> | undefined {
  return (globalThis as { __kioskConfig?: Promise<Response> }).__kioskConfig;
}

/**
 * The configuration for the first frame: the copy kept from the last start (no wait at all), else the early
 * request's answer (stored behind the render), else the network-first load through IndexedDB.
 */
async function firstConfig(db: Promise<KioskDatabase>, windowId: string): Promise<FirstConfig> {
  const kept = firstPaintConfig(windowId);
  if (kept) return { kind: 'ok', config: kept, fresh: false };
  try {
    const res = await earlyConfigRequest();
    if (res?.status === 404) return { kind: 'unknown_window' };
    if (res?.ok) {
      const config = (await res.json()) as WindowConfig;
      void inBackground(db, 'config', async () => storeWindowConfig(await db, windowId, res.headers.get('etag'), config));
      return { kind: 'ok', config, fresh: true };
    }
  } catch {
    // The early request failed (offline): IndexedDB's copy below.
  }
  const cfg = await loadWindowConfig(await db, windowId);
  if (cfg.kind === 'ok') return { kind: 'ok', config: cfg.config, fresh: true };
  return cfg.kind === 'unknown_window' ? cfg : { kind: 'no_config', message: cfg.message };
}

/**
 * Paints the idle screen as soon as a configuration is known, without waiting for IndexedDB to open; the
 * configuration is revalidated, the kiosk enrolled and the sync loop started after the first frame.
 */
async function boot(windowId: string): Promise<Started> {
  const db = sharedDb(); // opening runs while the first frame is made; a tap waits for it
  const first = await firstConfig(db, windowId);
  if (first.kind !== 'ok') return first;
  const config = first.config;
  await loadLanguage(config.site.defaultLanguage); // English is loaded only for a site that starts in it
  document.title = `${config.window.number} ${config.window.name.zh} · ${zh.appTitle}`;

  let device: Device | null = null;
  let idle = true;
  let movedTo = '';
  let leaving = false;
  /** At each screen, between citizens only: goes (once) to the window an admin moved this kiosk to, else applies a waiting update. */
  const atScreen = (now: boolean): void => {
    idle = now;
    if (!idle || leaving) return; // a second navigation would abort the first
    leaving = !!movedTo;
    if (leaving) location.replace(encodeURIComponent(movedTo)); // relative: /kiosk/<old> → /kiosk/<new>
    else applyUpdateIfWaiting();
  };
  const recorder = createRecorder({
    db, site: config.site, now: Date.now, afterSave: () => device?.afterSave(),
    channel: { kind: 'kiosk', windowId, recentRatings: db.then((d) => recentRatingTimes(d, windowId, config.site.misuse.windowMinutes, Date.now())) },
  });
  // Fetched while online (after the start, with the later screens), so staff can still sign in when the network is gone.
  let verifiers: PinVerifier[] | null = null;
  const refreshVerifiers = async (): Promise<PinVerifier[] | null> => {
    const { loadVerifiers } = await import('../../device/staff/verifiers');
    return (verifiers = await loadVerifiers(await db, windowId, await deviceToken(await db, windowId)));
  };
  // The sign-in code (PBKDF2, lockout) loads on the first long press, not with the citizens' screens.
  let signIn: Promise<PinCheck> | null = null;
  const checkPin: PinCheck = async (number, pin) => {
    signIn ??= Promise.all([import('../../device/staff/sign-in'), db]).then(([m, d]) => m.kioskSignIn(d, windowId, async () => verifiers ?? (await refreshVerifiers())));
    return (await signIn)(number, pin);
  };
  const draw = (c: WindowConfig): void => render(
    <Kiosk config={c} recorder={recorder} version={version}
      initialStaffId={loadStaffId(windowId, c.window.staffOnDuty ?? null)}
      onStaffChange={(id) => saveStaffId(windowId, id)}
      db={db} checkPin={checkPin}
      syncNow={async () => device?.loop.flush()}
      onScreen={atScreen} />,
    root,
  );
  draw(config);

  // Everything else waits for the first frame: the citizen sees the faces first.
  requestAnimationFrame(() => setTimeout(() => {
    registerServiceWorker();
    const started = inBackground(db, 'start sync', async () => {
      const d = await db;
      await deviceToken(d, windowId); // enrols an open-enrolment kiosk; offline, ratings are kept and the token comes later
      device = await startDevice({ db: d, windowId, appVersion: version, onMoved: (w) => { movedTo = w; atScreen(idle); } });
    });
    preloadLaterScreens(started, () => void inBackground(db, 'PIN verifiers', refreshVerifiers));
    if (!first.fresh) {
      void inBackground(db, 'config', async () => {
        const early = earlyConfigRequest(); // already on its way: the revalidation uses its answer
        const r = await loadWindowConfig(await db, windowId, early ? () => early : fetch);
        if (r.kind !== 'ok' || r.from !== 'network') return; // a 304 keeps the configuration shown
        await loadLanguage(r.config.site.defaultLanguage);
        draw(r.config);
      });
    }
  }, 0));
  return { kind: 'started' };
}

/** Starts the kiosk; a start that fails says so plainly and tries again, sooner at first. */
async function start(attempt = 0): Promise<void> {
  const windowId = decodeURIComponent(location.pathname.split('/')[2] ?? '');
  if (!windowId) return message('unknownWindow');
  let r: Started;
  try {
    r = await boot(windowId);
  } catch (e) {
    console.error('kiosk start failed', e);
    r = { kind: 'no_config', message: String(e) };
  }
  if (r.kind === 'started') return;
  if (r.kind === 'unknown_window') return message('unknownWindow');
  await message('bootFailed');
  const retry = (): void => { removeEventListener('online', retry); clearTimeout(timer); void start(attempt + 1); };
  const timer = setTimeout(retry, Math.min(2_000 * 2 ** attempt, 60_000));
  addEventListener('online', retry);
}

void start();
