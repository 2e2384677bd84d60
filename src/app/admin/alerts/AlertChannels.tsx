/** Alert channels per hall (WeCom, DingTalk, Feishu, webhook, e-mail), send a test, the delivery log and dead letters. */
import { CHANNEL_KINDS, LANGUAGE_NAMES, type AlertsDict } from '../../i18n/alerts';
import { useEffect, useState } from 'preact/hooks';
import { useLatest } from '../../common/latest';
import { ALERTS_DICTS } from '../../i18n/alerts';
import { fill } from '../../i18n/use';
import { api } from '../../common/api';
import { OkSchema, type WindowList } from '../../../shared/api';
import {
  AlertChannelListSchema, AlertChannelSchema, AlertDeliveryListSchema, TestOutcomeSchema, type AlertChannel, type AlertChannelBody, type AlertDelivery,
} from '../../../shared/alerts/wire';
import { when } from '../../common/format';
import { urlRefusal } from './url-text';
import { useLang, usePick } from '../../i18n/lang';


const KINDS = CHANNEL_KINDS;

export function AlertChannels({ windows }: { windows: WindowList | null }) {
  const t = ALERTS_DICTS[useLang()];
  const pick = usePick();
  const [channels, setChannels] = useState<AlertChannel[]>([]);
  const [log, setLog] = useState<AlertDelivery[]>([]);
  const [form, setForm] = useState({ id: '', siteId: '', kind: 'wecom', name: '', url: '', secret: '', recipients: '', lang: 'zh-CN' });
  const [note, setNote] = useState('');
  /** The endpoint's refusal of the webhook address, said beside the field. */
  const [urlError, setUrlError] = useState('');
  const latest = useLatest();
  const load = async () => {
    const current = latest();
    const [c, d] = await Promise.all([
      api.get('/api/v1/admin/alert-channels', AlertChannelListSchema),
      api.get('/api/v1/admin/alert-deliveries', AlertDeliveryListSchema),
    ]);
    if (!current()) return;
    if (c.ok) setChannels(c.data.channels);
    if (d.ok) setLog(d.data.deliveries.slice().reverse());
  };
  useEffect(() => { void load(); }, []);
  const siteId = form.siteId || windows?.sites[0]?.id || '';
  const save = async (e: Event) => {
    e.preventDefault();
    const body: AlertChannelBody = {
      siteId, kind: form.kind as AlertChannelBody['kind'], name: form.name, lang: form.lang as AlertChannelBody['lang'],
      url: form.kind === 'email' ? null : form.url, recipients: form.recipients.trim() || null,
      ...(form.secret ? { secret: form.secret } : {}),
    };
    const r = await api.put(`/api/v1/admin/alert-channels/${encodeURIComponent(form.id)}`, body, AlertChannelSchema);
    const urlRefused = !r.ok && r.error === 'invalid' && r.field === 'url';
    setUrlError(urlRefused ? urlRefusal(t, form.kind, form.url) : '');
    setNote(r.ok || urlRefused ? '' : r.message);
    if (r.ok) { setForm({ ...form, secret: '' }); await load(); }
  };
  const test = async (id: string) => {
    const r = await api.post(`/api/v1/admin/alert-channels/${encodeURIComponent(id)}/test`, {}, TestOutcomeSchema);
    setNote(r.ok ? fill(t.channelAnswer, { answer: `${t[`outcome_${r.data.kind}`]} · ${r.data.kind === 'delivered' ? r.data.answer : r.data.error}` }) : r.message);
  };
  const resend = async (id: string) => {
    const r = await api.post(`/api/v1/admin/alert-deliveries/${encodeURIComponent(id)}/resend`, {}, OkSchema);
    if (!r.ok) setNote(r.message);
    await load();
  };
  const field = (k: keyof typeof form) => ({ value: form[k], onInput: (e: Event) => setForm({ ...form, [k]: (e.target as HTMLInputElement).value }) });
  const dead = log.filter((d) => d.status === 'dead');
  return (
    <>
      <section class="card" aria-labelledby="ac-h">
        <h2 id="ac-h">{t.channels}</h2>
        <table>
          <thead><tr><th>{t.channelId}</th><th>{t.channelName}</th><th>{t.channelKind}</th><th>{t.channelUrl}</th><th>{t.channelLang}</th><th /></tr></thead>
          <tbody>
            {channels.map((c) => (
              <tr key={c.id}>
                <td>{c.id}</td><td>{c.name}</td><td>{KINDS.find(([k]) => k === c.kind)?.[1] ?? c.kind}{c.hasSecret ? ` · ${t.hasSecret}` : ''}</td>
                <td class="mono">{c.url ?? c.recipients}</td><td>{LANGUAGE_NAMES[c.lang as keyof typeof LANGUAGE_NAMES] ?? c.lang}</td>
                <td><button type="button" onClick={() => void test(c.id)}>{t.channelTest}</button></td>
              </tr>
            ))}
            {channels.length === 0 && <tr><td colSpan={6} class="muted">{t.noneYet}</td></tr>}
          </tbody>
        </table>
        {note && <p role="status">{note}</p>}
        <form class="row" onSubmit={save}>
          <label>{t.channelId} <input required pattern="[A-Za-z0-9_-]{1,40}" {...field('id')} /></label>
          <label>{t.channelName} <input required {...field('name')} /></label>
          <label>{t.channelKind} <select {...field('kind')}>{KINDS.map(([k, l]) => <option key={k} value={k}>{l}</option>)}</select></label>
          {windows && windows.sites.length > 1 && (
            <label>{t.channelSite} <select value={siteId} onInput={(e) => setForm({ ...form, siteId: (e.target as HTMLSelectElement).value })}>
              {windows.sites.map((s) => <option key={s.id} value={s.id}>{pick(s.name)}</option>)}</select></label>
          )}
          {form.kind !== 'email' && <label>{t.channelUrl} <input type="url" {...field('url')} aria-invalid={urlError !== ''} aria-describedby={urlError ? 'ac-url-error' : undefined} /></label>}
          {form.kind !== 'email' && urlError && <p class="error" role="alert" id="ac-url-error">{urlError}</p>}
          <label>{t.channelRecipients} <input {...field('recipients')} /></label>
          {form.kind !== 'email' && form.kind !== 'wecom' && <label>{t.channelSecret} <input type="password" autoComplete="off" {...field('secret')} /></label>}
          <label>{t.channelLang} <select {...field('lang')}><option value="zh-CN">{LANGUAGE_NAMES['zh-CN']}</option><option value="en">{LANGUAGE_NAMES.en}</option></select></label>
          <button type="submit">{t.channelSave}</button>
        </form>
      </section>
      <section class="card" aria-labelledby="ad-h">
        <h2 id="ad-h">{t.deliveries}</h2>
        <DeliveryTable rows={log.slice(0, 50)} t={t} />
        <h3>{t.deadLetters}</h3>
        <DeliveryTable rows={dead} t={t} onResend={resend} />
      </section>
    </>
  );
}

function DeliveryTable({ rows, t, onResend }: { rows: AlertDelivery[]; t: AlertsDict; onResend?: (id: string) => Promise<void> }) {
  if (rows.length === 0) return <p class="muted">{t.noneYet}</p>;
  return (
    <table>
      <thead><tr><th>{t.queued}</th><th>{t.channelName}</th><th>{t.status}</th><th>{t.attempts}</th><th>{t.lastError}</th>{onResend && <th />}</tr></thead>
      <tbody>
        {rows.map((d) => (
          <tr key={d.id}>
            <td>{when(d.since)}</td><td>{d.message.title} → {d.channelId}</td><td>{t[`status_${d.status}`]}</td><td>{d.attempts}</td><td>{d.lastError ?? d.answer ?? ''}</td>
            {onResend && <td><button type="button" onClick={() => void onResend(d.id)}>{t.resend}</button></td>}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
