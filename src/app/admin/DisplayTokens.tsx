import { useEffect, useState } from 'preact/hooks';
import { api } from '../common/api';
import { useSending } from '../common/sending';
import { when } from '../common/format';
import { DisplayTokenCreatedSchema, DisplayTokenListSchema, OkSchema, type DisplayTokenList } from '../../shared/api';
import { useLang, useTexts } from '../i18n/lang';
import { adminText } from '../i18n/admin';
import { staffText } from '../i18n/staff';
import { errorText } from '../i18n/format';
import { pick } from '../i18n/use';

/** Admin card: create a display token for a hall's public big screen (the link is shown once), list and revoke them. */
export function DisplayTokens() {
  const lang = useLang();
  const t = useTexts(adminText);
  const s = useTexts(staffText);
  const [list, setList] = useState<DisplayTokenList | null>(null);
  const [siteId, setSiteId] = useState('');
  const [label, setLabel] = useState<string | null>(null);
  const [link, setLink] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const reload = () => void api.get('/api/v1/display-tokens', DisplayTokenListSchema).then((r) => {
    if (r.ok) { setList(r.data); setSiteId((x) => x || r.data.sites[0]?.id || ''); } else setError(errorText(s, r));
  });
  useEffect(reload, []);
  const name = label ?? t.tokenDefaultLabel;

  // A double click makes one link: a second would be live without ever being shown to anyone.
  const creating = useSending();
  const create = (e: Event) => {
    e.preventDefault();
    return creating.send(async () => {
      const r = await api.post('/api/v1/display-tokens', { siteId, label: name }, DisplayTokenCreatedSchema);
      if (!r.ok) return setError(errorText(s, r));
      setError(null);
      setLink(`${location.origin}${r.data.url}`);
      reload();
    });
  };
  const revoke = async (id: number) => {
    const r = await api.post(`/api/v1/display-tokens/${id}/revoke`, {}, OkSchema);
    if (!r.ok) setError(errorText(s, r));
    reload();
  };
  const siteName = (id: string) => { const x = list?.sites.find((y) => y.id === id); return x ? pick(x.name, lang) : id; };

  return (
    <section class="card" aria-labelledby="dt-h">
      <h2 id="dt-h">{t.tokensTitle}</h2>
      <form class="filters" onSubmit={create}>
        <label>{s.hall}
          <select value={siteId} onChange={(e) => setSiteId((e.target as HTMLSelectElement).value)}>
            {list?.sites.map((x) => <option key={x.id} value={x.id}>{pick(x.name, lang)}</option>)}
          </select>
        </label>
        <label>{t.tokenLabel}<input value={name} maxLength={80} required onInput={(e) => setLabel((e.target as HTMLInputElement).value)} /></label>
        <button class="btn" type="submit" disabled={creating.busy}>{t.createLink}</button>
      </form>
      {error && <p class="error" role="alert">{error}</p>}
      {link && <p role="status">{t.linkOnce}<br /><code class="link">{link}</code></p>}
      <table>
        <thead><tr><th>{t.tokenLabel}</th><th>{s.hall}</th><th>{s.created}</th><th>{s.state}</th><th /></tr></thead>
        <tbody>
          {list?.tokens.length === 0 && <tr><td colSpan={5} class="muted">{t.noDisplayLinks}</td></tr>}
          {list?.tokens.map((x) => (
            <tr key={x.id}>
              <td>{x.label}</td><td>{siteName(x.siteId)}</td><td>{when(x.createdAt)} · {x.createdBy}</td>
              <td>{x.revokedAt ? t.revoked : t.live}</td>
              <td>{!x.revokedAt && <button type="button" class="btn" onClick={() => void revoke(x.id)}>{t.withdraw}</button>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
