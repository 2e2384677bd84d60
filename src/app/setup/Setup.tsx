import { LANGUAGE_NAMES } from '../i18n/alerts';
import { useEffect, useState } from 'preact/hooks';
import { DEPLOY_TEXT, type DeployText } from '../i18n/deploy';
import type { Lang } from '../i18n/dict';
import { fill, otherLang } from '../i18n/use';
import { isSecurePage } from '../common/InsecureNotice';
import { SetupCaSchema, type SetupCa } from '../../shared/setup';
import * as v from 'valibot';

type CaState = { kind: 'loading' } | { kind: 'ready'; ca: SetupCa } | { kind: 'failed' };

function Steps({ title, steps, id }: { title: string; steps: string[]; id: string }) {
  return (
    <section class="setup-card" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      <ol>{steps.map((s) => <li key={s}>{s}</li>)}</ol>
    </section>
  );
}

function CaBox({ t, state, lang }: { t: DeployText; state: CaState; lang: Lang }) {
  if (state.kind === 'loading') return null;
  if (state.kind === 'failed' || !state.ca.available) return <p class="setup-muted">{t.noCa}</p>;
  const { ca } = state;
  return (
    <div class="setup-ca">
      <a class="setup-download" href={ca.downloadPath} download="hall-ca.crt">{t.download}</a>
      <p>{t.fingerprint}</p>
      <code class="setup-fp">{ca.fingerprint}</code>
      <p class="setup-muted">{ca.subject} · {t.validUntil} {new Date(ca.validTo).toLocaleDateString(lang)}</p>
    </div>
  );
}

/** The HTTPS setup page: download the CA, then the steps for each tablet family. */
export function Setup() {
  const [lang, setLang] = useState<Lang>(navigator.language.startsWith('zh') ? 'zh-CN' : 'en');
  const [state, setState] = useState<CaState>({ kind: 'loading' });
  const t = DEPLOY_TEXT[lang];
  const pairUrl = `https://${location.host}/kiosk`;

  useEffect(() => {
    fetch('/api/v1/setup/ca')
      .then(async (r) => setState(r.ok ? { kind: 'ready', ca: v.parse(SetupCaSchema, await r.json()) } : { kind: 'failed' }))
      .catch(() => setState({ kind: 'failed' }));
  }, []);
  useEffect(() => { document.documentElement.lang = lang; }, [lang]);

  return (
    <main class="setup">
      <header class="setup-head">
        <h1>{t.setupTitle}</h1>
        <button type="button" class="setup-lang" onClick={() => setLang(otherLang(lang))}>{lang === 'en' ? LANGUAGE_NAMES['zh-CN'] : LANGUAGE_NAMES.en}</button>
      </header>
      <p>{t.setupIntro}</p>
      <p class={isSecurePage() ? 'setup-ok' : 'setup-warn'} role="status">{isSecurePage() ? t.secureNow : t.notSecureNow}</p>
      <CaBox t={t} state={state} lang={lang} />
      <div class="setup-grid">
        <Steps id="android" title={t.androidTitle} steps={[t.android1, t.android2, t.android3, fill(t.android4, { url: pairUrl })]} />
        <Steps id="ios" title={t.iosTitle} steps={[t.ios1, t.ios2, t.ios3, fill(t.ios4, { url: pairUrl })]} />
      </div>
      <Steps id="after" title={t.afterTitle} steps={[t.after1, t.after2]} />
    </main>
  );
}
