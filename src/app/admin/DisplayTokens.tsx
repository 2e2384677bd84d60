import { useEffect, useState } from 'preact/hooks';
import { api } from '../common/api';

interface TokenRow { id: number; siteId: string; label: string; createdBy: string; createdAt: number; revokedAt: number | null }
interface TokenList { tokens: TokenRow[]; sites: { id: string; name: { zh: string; en: string } }[] }

/** Admin card: create a display token for a hall's public big screen (the link is shown once), list and revoke them. */
export function DisplayTokens() {
  const [list, setList] = useState<TokenList | null>(null);
  const [siteId, setSiteId] = useState('');
  const [label, setLabel] = useState('大厅大屏');
  const [link, setLink] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const reload = () => void api.get<TokenList>('/api/v1/display-tokens').then((r) => {
    if (r.ok) { setList(r.data); setSiteId((s) => s || r.data.sites[0]?.id || ''); } else setError(r.message);
  });
  useEffect(reload, []);

  const create = async (e: Event) => {
    e.preventDefault();
    const r = await api.post<{ url: string }>('/api/v1/display-tokens', { siteId, label });
    if (!r.ok) return setError(r.message);
    setError(null);
    setLink(`${location.origin}${r.data.url}`);
    reload();
  };
  const revoke = async (id: number) => {
    const r = await api.post(`/api/v1/display-tokens/${id}/revoke`, {});
    if (!r.ok) setError(r.message);
    reload();
  };

  return (
    <section class="card" aria-labelledby="dt-h">
      <h2 id="dt-h">公示大屏 · Public display tokens</h2>
      <form class="filters" onSubmit={create}>
        <label>大厅 Hall
          <select value={siteId} onChange={(e) => setSiteId((e.target as HTMLSelectElement).value)}>
            {list?.sites.map((s) => <option key={s.id} value={s.id}>{s.name.zh}</option>)}
          </select>
        </label>
        <label>名称 Label<input value={label} maxLength={80} required onInput={(e) => setLabel((e.target as HTMLInputElement).value)} /></label>
        <button class="btn" type="submit">生成链接 Create link</button>
      </form>
      {error && <p class="error" role="alert">{error}</p>}
      {link && (
        <p role="status">仅显示一次，请在大屏浏览器中打开 · Shown once, open it on the display: <br /><code class="link">{link}</code></p>
      )}
      <table>
        <thead><tr><th>名称 Label</th><th>大厅 Hall</th><th>创建 Created</th><th>状态 State</th><th /></tr></thead>
        <tbody>
          {list?.tokens.map((t) => (
            <tr key={t.id}>
              <td>{t.label}</td><td>{t.siteId}</td><td>{new Date(t.createdAt).toLocaleString('zh-CN')} · {t.createdBy}</td>
              <td>{t.revokedAt ? '已撤销 Revoked' : '有效 Live'}</td>
              <td>{!t.revokedAt && <button type="button" class="btn" onClick={() => void revoke(t.id)}>撤销 Revoke</button>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
