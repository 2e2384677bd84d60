import { render } from 'preact';
import { loadWindowConfig } from '../../device/config';
import { decodeToken, isExpired } from '../../shared/token';
import { registerServiceWorker } from '../common/sw-register';
import { dict } from '../i18n/use';
import { Phone } from './Phone';
import { Notice } from './Notice';
import { createRecorder, ratedCaseKey } from '../../device/recorder';
import { getMeta } from '../../device/store/meta';
import { inBackground } from '../../device/tasks';
import { openPhoneDb, phoneDeviceId, startPhoneSync } from './device';
import '../kiosk/kiosk.css';
import './phone.css';

const root = document.getElementById('app')!;
const zh = dict('zh-CN');
const en = dict('en');

function notice(title: string, detail: string): void {
  render(<main class="phone-main solo"><Notice tone="problem" title={title} detail={detail} /></main>, root);
}

async function boot(): Promise<void> {
  registerServiceWorker();
  const windowId = decodeURIComponent(location.pathname.split('/')[2] ?? '');
  const token = new URLSearchParams(location.search).get('t') ?? '';
  const db = await openPhoneDb();
  const deviceId = await phoneDeviceId(db);
  const loop = startPhoneSync(db, deviceId); // also sends what an earlier visit left unsent

  // Read (not trusted) on the phone, so it can say "expired" offline; the endpoint verifies the signature.
  const claims = decodeToken(token);
  if (!claims || claims.w !== windowId) return notice(zh.qrInvalid, en.qrInvalid);
  if (isExpired(claims, Date.now())) return notice(zh.qrExpired, en.qrExpired);
  const caseKey = ratedCaseKey(claims);
  if (caseKey && (await getMeta(db, caseKey))) return notice(zh.qrCaseRated, en.qrCaseRated);

  const cfg = await loadWindowConfig(db, windowId);
  if (cfg.kind === 'unknown_window') return notice(zh.unknownWindow, en.unknownWindow);
  if (cfg.kind === 'unavailable') return notice(zh.notSaved, en.notSaved);
  const config = cfg.config;
  document.title = `${config.window.number} ${config.window.name.zh} · ${zh.appTitle}`;
  const recorder = createRecorder({
    db, site: config.site, channel: { kind: 'qr', token, claims }, now: Date.now,
    afterSave: () => requestAnimationFrame(() => setTimeout(() => inBackground(db, 'sync', () => loop.syncNow()), 0)),
  });
  render(<Phone config={config} claims={claims} recorder={recorder} now={Date.now} />, root);
}

void boot();
