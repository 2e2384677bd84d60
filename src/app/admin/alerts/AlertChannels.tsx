/** Alert channels per hall (WeCom, DingTalk, Feishu, webhook, e-mail), send a test, the delivery log and dead letters. */
import { CHANNEL_KINDS, LANGUAGE_NAMES } from '../../i18n/alerts';
import { useEffect, useState } from 'preact/hooks';
import { ALERTS_DICTS } from '../../i18n/alerts';
import { fill } from '../../i18n/use';
import { send, type WindowList } from './http';
import { when } from '../../common/format';

interface ChannelView { id: string; siteId: string; kind: string; name: string; url: string | null; hasSecret: boolean; recipients: string | null; lang: string }
interface Delivery { id: string; channelId: string; message: { title: string }; since: number; attempts: number; status: string; lastError: string | null; answer: string | null }

const KINDS = CHANNEL_KINDS;

export function AlertChannels({ csrf, windows }: { csrf: string; windows: WindowList | null }) {
  const t = ALERTS_DICTS['zh-CN'];
  const [channels, setChannels] = useState<ChannelView[]>([]);
  const [log, setLog] = useState<Delivery[]>([]);
  const [form, setForm] = useState({ id: '', siteId: '', kind: 'wecom', name: '', url: '', secret: '', recipients: '', lang: 'zh-CN' });
  const [note, setNote] = useState('');
  const load = async () => {
    const [c, d] = await Promise.all([
      send<{ channels: ChannelView[] }>(csrf, 'GET', '/api/v1/admin/alert-channels'),
      send<{ deliveries: Delivery[] }>(csrf, 'GET', '/api/v1/admin/alert-deliveries'),
    ]);
    if (c.ok) setChannels(c.data.channels);
    if (d.ok) setLog(d.data.deliveries.slice().reverse());
  };
  useEffect(() => { void load(); }, []);
  const siteId = form.siteId || windows?.sites[0]?.id || '';
  const save = async (e: Event) => {
    e.preventDefault();
    const r = await send(csrf, 'PUT', `/api/v1/admin/alert-channels/${encodeURIComponent(form.id)}`, {
      siteId, kind: form.kind, name: form.name, lang: form.lang,
      url: form.kind === 'email' ? null : form.url, recipients: form.kind === 'email' ? form.recipients : null,
      ...(form.secret ? { secret: form.secret } : {}),
    });
    setNote(r.ok ? '' : r.message);
    if (r.ok) { setForm({ ...form, secret: '' }); await load(); }
  };
  const test = async (id: string) => {
    const r = await send<{ kind: string; answer?: string; error?: string }>(csrf, 'POST', `/api/v1/admin/alert-channels/${encodeURIComponent(id)}/test`);
    setNote(r.ok ? fill(t.channelAnswer, { answer: `${r.data.kind} · ${r.data.answer ?? r.data.error ?? ''}` }) : r.message);
  };
  const resend = async (id: string) => { await send(csrf, 'POST', `/api/v1/admin/alert-deliveries/${encodeURIComponent(id)}/resend`); await load(); };
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
                <td class="mono">{c.url ?? c.recipients}</td><td>{c.lang}</td>
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
            <label>Site <select value={siteId} onInput={(e) => setForm({ ...form, siteId: (e.target as HTMLSelectElement).value })}>
              {windows.sites.map((s) => <option key={s.id} value={s.id}>{s.name.zh}</option>)}</select></label>
          )}
          {form.kind === 'email'
            ? <label>{t.channelRecipients} <input {...field('recipients')} /></label>
            : <label>{t.channelUrl} <input type="url" {...field('url')} /></label>}
          {form.kind !== 'email' && form.kind !== 'wecom' && <label>{t.channelSecret} <input type="password" autoComplete="off" {...field('secret')} /></label>}
          <label>{t.channelLang} <select {...field('lang')}><option value="zh-CN">{LANGUAGE_NAMES['zh-CN']}</option><option value="en">English</option></select></label>
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

function DeliveryTable({ rows, t, onResend }: { rows: Delivery[]; t: (typeof ALERTS_DICTS)['zh-CN']; onResend?: (id: string) => Promise<void> }) {
  if (rows.length === 0) return <p class="muted">{t.noneYet}</p>;
  return (
    <table>
      <thead><tr><th>{t.queued}</th><th>{t.channelName}</th><th>{t.status}</th><th>{t.attempts}</th><th>{t.lastError}</th>{onResend && <th />}</tr></thead>
      <tbody>
        {rows.map((d) => (
          <tr key={d.id}>
            <td>{when(d.since)}</td><td>{d.message.title} → {d.channelId}</td><td>{d.status}</td><td>{d.attempts}</td><td>{d.lastError ?? d.answer ?? ''}</td>
            {onResend && <td><button type="button" onClick={() => void onResend(d.id)}>{t.resend}</button></td>}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
