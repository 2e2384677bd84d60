import type { Poster } from '../../shared/api';
import { dict, fill } from '../i18n/use';
import { displayText } from '../i18n/display';
import { staffText } from '../i18n/staff';
import { useLang } from '../i18n/lang';
import { LangToggle } from '../common/LangToggle';

const zh = dict('zh-CN');
const en = dict('en');

/** One A4 page per window, ready for the browser's print dialog; the toolbar is not printed. */
export function Posters({ posters }: { posters: Poster[] }) {
  const lang = useLang();
  const s = staffText(lang);
  const d = displayText(lang);
  const t = dict(lang);
  // The printed page stays in both languages, Chinese first; the toolbar follows the staff language.
  return (
    <>
      <div class="poster-toolbar">
        <h1>{t.postersTitle}</h1>
        <p>{fill(d.postersCount, { n: posters.length })}</p>
        <button type="button" onClick={() => window.print()}>{t.postersPrint}</button>
        <a href="/admin">{s.admin}</a>
        <LangToggle />
      </div>
      {posters.map((p) => (
        <section class="poster" key={p.windowId} aria-label={`${zh.window} ${p.number}`}>
          <p class="poster-site">{p.site.zh}<span>{p.site.en}</span></p>
          <div class="poster-window">
            <span class="poster-no">{p.number}</span>
            <span class="poster-name">{p.name.zh}<span>{p.name.en}</span></span>
          </div>
          <h2 class="poster-call">{zh.posterCall}<span>{en.posterCall}</span></h2>
          <img class="poster-qr" alt={`${zh.qrScanHint} ${p.url}`} src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(p.svg)}`} />
          <p class="poster-steps">{zh.posterSteps}<span>{en.posterSteps}</span></p>
          <p class="poster-scale">{displayText('zh-CN').posterScale}</p>
          <p class="poster-foot">{displayText('zh-CN').posterFoot} · {zh.suggestionBox} {en.suggestionBox}</p>
        </section>
      ))}
    </>
  );
}
