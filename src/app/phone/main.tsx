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
import { openPhoneDb, phoneDeviceId, sendNow, startPhoneSync } from './device';
import { checkCase, earlierSent, nextUntoldRefusal, refusalCode } from './case-check';
import { phoneEn, phoneZh } from '../i18n/phone';
import { findVisit, reviser } from './visit';
import { loadSteps } from './steps';
import type { DeadLetter } from '../../device/store/db';
import '../kiosk/kiosk.css';
import './phone.css';

const root = document.getElementById('app')!;
const zh = dict('zh-CN');
const en = dict('en');

function notice(title: string, detail: string): void {
  render(<main class="phone-main solo"><Notice tone="problem" title={title} detail={detail} /></main>, root);
}

/** Tells the citizen once that an earlier rating was refused after they were thanked, then goes on. */
function told(d: DeadLetter): Promise<void> {
  const code = refusalCode(d);
  const changed = code === 'rating_change_too_late';
  const title = changed ? [phoneZh.qrEarlierChangeRefused, phoneEn.qrEarlierChangeRefused] : [zh.qrEarlierRefused, en.qrEarlierRefused];
  const detail = changed ? [phoneZh.qrChangeTooLate, phoneEn.qrChangeTooLate]
    : code === 'duplicate_case' ? [zh.qrEarlierRefusedCase, en.qrEarlierRefusedCase]
    : code === 'case_not_rectified' ? [zh.qrCaseNotRectified, en.qrCaseNotRectified] : [zh.qrEarlierRefusedCode, en.qrEarlierRefusedCode];
  return new Promise((ok) => {
    render(
      <main class="phone-main solo">
        <Notice tone="problem" title={`${title[0]} · ${title[1]}`} detail={`${detail[0]} ${detail[1]}`} />
        <div class="actions"><button type="button" class="primary" onClick={() => ok()}>{zh.continueLabel} · {en.continueLabel}</button></div>
      </main>, root);
  });
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
  // A visit rated while its code was valid may still be finished after it expired: the endpoint judges the rating's time.
  if (!(await findVisit(db, claims, Date.now())) && isExpired(claims, Date.now())) return notice(zh.qrExpired, en.qrExpired);
  // A refusal that arrived after the thank-you comes first: "you have rated this case" would hide it. One whose
  // answer the last visit did not live to keep arrives now, as what it left queued is sent again.
  await earlierSent(db, loop.first);
  const refused = await nextUntoldRefusal(db);
  if (refused) await told(refused);
  // Looked up again: what was just sent may have been refused.
  const visit = await findVisit(db, claims, Date.now());
  if (!visit && isExpired(claims, Date.now())) return notice(zh.qrExpired, en.qrExpired);
  const caseKey = ratedCaseKey(claims);
  if (!visit && caseKey && (await getMeta(db, caseKey))) {
    // Its rating was just told refused (another phone rated the case first): say so, not "thank you".
    return refused?.reason === 'duplicate_case' ? notice(zh.qrCaseRatedElsewhere, en.qrCaseRatedElsewhere) : notice(zh.qrCaseRated, en.qrCaseRated);
  }
  if (!visit && claims.k === 'case') {
    const state = await checkCase(token, fetch);
    if (state === 'rated') return notice(zh.qrCaseRatedElsewhere, en.qrCaseRatedElsewhere);
    if (state === 'not_rectified') return notice(zh.qrCaseNotRectified, en.qrCaseNotRectified);
  }

  const cfg = await loadWindowConfig(db, windowId);
  if (cfg.kind === 'unknown_window') return notice(zh.unknownWindow, en.unknownWindow);
  if (cfg.kind === 'unavailable') return notice(zh.notSaved, en.notSaved);
  const config = cfg.config;
  document.title = `${config.window.number} ${config.window.name.zh} · ${zh.appTitle}`;
  const afterSave = (): void => { requestAnimationFrame(() => setTimeout(() => inBackground(db, 'sync', () => loop.syncNow()), 0)); };
  const recorder = createRecorder({ db, site: config.site, channel: { kind: 'qr', token, claims }, now: Date.now, afterSave });
  // A reload or a rescan within the visit goes on with its rating: a second one would count as the same phone again.
  const resume = visit ? { visit, update: reviser(db, visit.record, Date.now, afterSave) } : undefined;
  void loadSteps().catch(() => undefined); // a phone may lose its connection after loading: every step is fetched while it can be (a step that never loaded is skipped when due)
  render(<Phone config={config} claims={claims} recorder={recorder} now={Date.now} send={() => sendNow(db, loop)} resume={resume} />, root);
}

void boot();
