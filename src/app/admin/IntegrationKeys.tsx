import { useEffect, useState } from 'preact/hooks';
import { useLatest } from '../common/latest';
import { api } from '../common/api';
import { useSending } from '../common/sending';
import { when } from '../common/format';
import {
  IntegrationKeyCreatedSchema, IntegrationKeyListSchema, IntegrationKeyRevokedSchema,
  type IntegrationKeyCreated, type IntegrationKeyInfo, type WindowList,
} from '../../shared/api';
import { useLang, useTexts } from '../i18n/lang';
import { adminKeysText } from '../i18n/admin-keys';
import { staffText } from '../i18n/staff';
import { errorText } from '../i18n/format';
import { fill, pick } from '../i18n/use';

/** Integration keys of a hall's queue or receipt systems: create one (its key shown once), list, revoke. */
export function IntegrationKeys({ windows }: { windows: WindowList | null }) {
  const lang = useLang();
  const t = useTexts(adminKeysText);
  const s = useTexts(staffText);
  const sites = windows?.sites ?? [];
  const [picked, setPicked] = useState('');
  const siteId = picked || sites[0]?.id || '';
  const [keys, setKeys] = useState<IntegrationKeyInfo[] | null>(null);
  const [label, setLabel] = useState('');
  const [fresh, setFresh] = useState<IntegrationKeyCreated | null>(null);
  const [copied, setCopied] = useState<boolean | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const latest = useLatest();
  const load = async () => {
    const current = latest();
    const r = await api.get('/api/v1/admin/integration-keys', IntegrationKeyListSchema);
    if (!current()) return;
    if (r.ok) setKeys(r.data.keys); else setError(errorText(s, r));
  };
  useEffect(() => { void load(); }, []);

  // A double click makes one key: a second would be live without ever being shown to anyone.
  const creating = useSending();
  const create = (e: Event) => {
    e.preventDefault();
    return creating.send(async () => {
      const r = await api.post('/api/v1/admin/integration-keys', { siteId, label }, IntegrationKeyCreatedSchema);
      if (!r.ok) return setError(errorText(s, r));
      setError(null); setNotice(null); setLabel(''); setCopied(null);
      setFresh(r.data);
      void load();
    });
  };
  // The clipboard needs a secure context and the user's permission; the key stays on screen to copy by hand if refused.
  const copy = (key: string) => navigator.clipboard.writeText(key).then(() => setCopied(true), () => setCopied(false));
  const revoke = async (k: IntegrationKeyInfo) => {
    if (!confirm(fill(t.revokeConfirm, { label: k.label }))) return;
    const r = await api.post(`/api/v1/admin/integration-keys/${k.id}/revoke`, {}, IntegrationKeyRevokedSchema);
    await load();
    // Said once the list shows the key revoked.
    if (r.ok) { setError(null); setNotice(fill(t.revokedNotice, { label: k.label })); if (fresh?.id === k.id) setFresh(null); } else setError(errorText(s, r));
  };
  const ofHall = keys?.filter((k) => k.siteId === siteId) ?? null;
  const site = sites.find((x) => x.id === siteId);

  return (
    <>
      <section class="card" aria-labelledby="ik-h">
        <h2 id="ik-h">{t.title}</h2>
        <p class="muted">{t.intro}</p>
        <form class="filters" onSubmit={(e) => void create(e)}>
          <label>{s.hall}
            <select value={siteId} onChange={(e) => setPicked((e.target as HTMLSelectElement).value)}>
              {sites.map((x) => <option key={x.id} value={x.id}>{pick(x.name, lang)}</option>)}
            </select>
          </label>
          <label>{t.label}<input value={label} maxLength={80} required placeholder={t.labelHint} onInput={(e) => setLabel((e.target as HTMLInputElement).value)} /></label>
          <button class="btn" type="submit" disabled={!siteId || creating.busy}>{t.create}</button>
        </form>
        {error && <p class="error" role="alert">{error}</p>}
        {notice && <p class="ok" role="status">{notice}</p>}
        {fresh && (
          <div class="once" role="region" aria-labelledby="ik-new">
            <h3 id="ik-new">{fill(t.newKey, { label: fresh.label })}</h3>
            <p class="warn">{t.onceNote}</p>
            <p class="actions">
              <code class="secret" data-testid="new-integration-key">{fresh.key}</code>
              <button type="button" class="btn" onClick={() => void copy(fresh.key)}>{t.copy}</button>
            </p>
            {copied === true && <p class="ok" role="status">{t.copied}</p>}
            {copied === false && <p class="error" role="alert">{t.copyFailed}</p>}
            <button type="button" class="btn-plain" onClick={() => setFresh(null)}>{t.saved}</button>
          </div>
        )}
      </section>
      <section class="card">
        <div class="card-head">
          <h2>{site ? pick(site.name, lang) : ''}</h2>
          <button type="button" class="btn-plain" onClick={() => void load()}>{s.refresh}</button>
        </div>
        <table class="integration-keys">
          <thead><tr><th>{t.label}</th><th>{s.created}</th><th>{s.state}</th><th>{s.actions}</th></tr></thead>
          <tbody>
            {ofHall?.length === 0 && <tr><td colSpan={4} class="muted">{t.none}</td></tr>}
            {ofHall?.map((k) => (
              <tr key={k.id} class={k.revokedAt ? 'state-revoked' : ''}>
                <td>{k.label}</td>
                <td>{when(k.createdAt)} · {k.createdBy}</td>
                <td>{k.revokedAt ? <span class="pill pill-revoked">{fill(t.revokedAt, { at: when(k.revokedAt) })}</span> : <span class="pill pill-ok">{t.live}</span>}</td>
                <td>{!k.revokedAt && <button type="button" class="btn-danger" aria-label={`${t.revoke} ${k.label}`} onClick={() => void revoke(k)}>{t.revoke}</button>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </>
  );
}
