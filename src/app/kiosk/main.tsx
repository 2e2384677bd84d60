import { render } from 'preact';
import { openKioskDb } from '../../device/store/db';
import { saveRecord } from '../../device/store/records';
import { loadWindowConfig } from '../../device/config';
import { ensureEnrolled } from '../../device/enrol';
import { getEnrolment } from '../../device/store/meta';
import { startSyncLoop } from '../../device/sync/scheduler';
import { DEFAULT_SYNC } from '../../device/sync/engine';
import { uuidv7 } from '../../shared/ids';
import { registerServiceWorker, applyUpdateIfWaiting } from '../common/sw-register';
import { Kiosk, type RateOutcome } from './Kiosk';
import { dict } from '../i18n/use';
import type { Score } from '../../shared/scale';
import './kiosk.css';

const root = document.getElementById('app')!;

function message(text: string): void {
  render(<main class="kiosk-message"><p>{text}</p></main>, root);
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

  const loop = startSyncLoop({
    db, baseUrl: '', fetch: (...a) => fetch(...a), now: Date.now, random: Math.random, ...DEFAULT_SYNC,
    deviceId: (await getEnrolment(db, windowId))?.deviceId ?? null,
    getToken: async () => {
      const e = (await getEnrolment(db, windowId)) ?? (await ensureEnrolled(db, windowId).then((r) => (r.kind === 'enrolled' ? r.enrolment : undefined)));
      return e?.token ?? null;
    },
  }, { intervalMs: 30_000 });

  const onRate = async (score: Score): Promise<RateOutcome> => {
    const now = Date.now();
    const r = await saveRecord(db, {
      type: 'response', id: uuidv7(now), rev: 0, windowId, staffId: config.window.staffOnDuty ?? null,
      score, scale: config.site.scale, reasons: [], deviceTime: new Date(now).toISOString(), channel: 'kiosk',
      suspect: false, followUp: false,
    }, now);
    if (r.kind === 'saved') void loop.syncNow();
    return r.kind === 'saved' ? { kind: 'saved' } : { kind: 'failed' };
  };

  render(<Kiosk config={config} onRate={onRate} onIdle={() => applyUpdateIfWaiting()} />, root);
}

void boot();
