import type { ComponentChildren } from 'preact';
import type { WindowConfig } from '../../../shared/config';
import type { Lang } from '../../i18n/dict';
import { citizenDict } from '../../i18n/citizen';
import { pick } from '../../i18n/text';
import { LongPress } from './LongPress';

export type StaffView = WindowConfig['staff'][number];

/** 亮身份: the window, and who serves at it. The window number doubles as the staff corner's long-press spot. */
export function Header({ config, staff, lang, onLongPress, children }: {
  config: WindowConfig; staff: StaffView | null; lang: Lang; onLongPress: () => void; children?: ComponentChildren;
}) {
  const t = citizenDict(lang);
  return (
    <header class="kiosk-head">
      <LongPress class="win-no" onLongPress={onLongPress}>
        <span class="win-no-num">{config.window.number}</span>
        <span class="win-no-label">{t.window}</span>
      </LongPress>
      <div class="win-name">
        <div class="site-name">{pick(config.site.name, lang)}</div>
        <div class="win-title">{pick(config.window.name, lang)}</div>
      </div>
      {staff && (
        <div class="staff-card" aria-label={t.onDuty} role="group">
          {staff.photo && <img src={staff.photo} alt="" width={64} height={80} />}
          <div class="staff-text">
            <div class="staff-name">{staff.name}<span class="staff-no">{t.staffNo} {staff.staffNumber}</span></div>
            {staff.title && <div class="staff-title">{pick(staff.title, lang)}</div>}
            {staff.badges.length > 0 && (
              <ul class="badges">{staff.badges.map((b) => <li key={b.zh}>{pick(b, lang)}</li>)}</ul>
            )}
          </div>
        </div>
      )}
      {children}
    </header>
  );
}
