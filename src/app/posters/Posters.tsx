import { dict } from '../i18n/use';

export interface PosterData {
  windowId: string;
  number: string;
  name: { zh: string; en: string };
  site: { zh: string; en: string };
  url: string;
  expiresAt: string;
  svg: string;
}

const zh = dict('zh-CN');
const en = dict('en');

/** One A4 page per window, ready for the browser's print dialog; the toolbar is not printed. */
export function Posters({ posters }: { posters: PosterData[] }) {
  return (
    <>
      <div class="poster-toolbar">
        <h1>{zh.postersTitle} · {en.postersTitle}</h1>
        <p>{posters.length} 张 · A4</p>
        <button type="button" onClick={() => window.print()}>{zh.postersPrint} · {en.postersPrint}</button>
        <a href="/admin">{zh.admin} · {en.admin}</a>
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
          <p class="poster-scale">非常满意 · 满意 · 基本满意 · 不满意 · 非常不满意</p>
          <p class="poster-foot">政务服务“好差评” · {zh.suggestionBox} {en.suggestionBox}</p>
        </section>
      ))}
    </>
  );
}
