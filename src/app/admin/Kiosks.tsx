import { useEffect, useState } from 'preact/hooks';
import { send, when, bytes, type WindowList } from './http';

interface FleetRow {
  id: string; siteId: string; windowId: string; windowNumber: string; state: 'stale' | 'ok' | 'closed' | 'revoked';
  lastSeenAt: number | null; appVersion: string | null; pending: number | null; deadLetters: number | null; lastSyncAt: string | null;
  storageUsage: number | null; storageQuota: number | null; clockOffsetMs: number | null; seqUnexplained: number | null; createdAt: number;
}
interface Pairing { code: string; windowId: string; expiresAt: number; url: string; qrSvg: string }

const STATE: Record<FleetRow['state'], string> = { stale: '失联 Stale', ok: '正常 OK', closed: '非工作时间 Closed', revoked: '已吊销 Revoked' };

function offset(ms: number | null): string {
  if (ms === null) return '—';
  const s = Math.round(ms / 1000);
  return `${s > 0 ? '+' : ''}${s} s`;
}

/** Pairing codes for new tablets, and the fleet: every kiosk's health, stale ones on top. */
export function Kiosks({ csrf, windows }: { csrf: string; windows: WindowList | null }) {
  const [rows, setRows] = useState<FleetRow[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [windowId, setWindowId] = useState('');
  const [pairing, setPairing] = useState<Pairing | null>(null);
  const [now, setNow] = useState(Date.now());
  const load = async () => {
    const r = await send<{ kiosks: FleetRow[] }>(csrf, 'GET', '/api/v1/admin/kiosks');
    if (r.ok) setRows(r.data.kiosks);
    else setError(r.message);
  };
  useEffect(() => { void load(); }, []);
  useEffect(() => { const t = setInterval(() => setNow(Date.now()), 1000); return () => clearInterval(t); }, []);
  // Functional update: a window the admin already picked is never overwritten by the default.
  useEffect(() => { const first = windows?.windows[0]?.id; if (first) setWindowId((cur) => cur || first); }, [windows]);

  const newCode = async () => {
    const r = await send<Pairing>(csrf, 'POST', '/api/v1/admin/kiosks/pairing-codes', { windowId });
    if (r.ok) { setPairing(r.data); setError(null); } else setError(r.message);
  };
  const revoke = async (k: FleetRow) => {
    if (!confirm(`吊销窗口 ${k.windowNumber} 的终端？它的下一次同步将被拒绝。\nRevoke the kiosk of window ${k.windowNumber}? Its next sync will be refused.`)) return;
    const r = await send(csrf, 'POST', `/api/v1/admin/kiosks/${encodeURIComponent(k.id)}/revoke`, {});
    if (r.ok) void load(); else setError(r.message);
  };
  const move = async (k: FleetRow, to: string) => {
    const r = await send(csrf, 'POST', `/api/v1/admin/kiosks/${encodeURIComponent(k.id)}/move`, { windowId: to });
    if (r.ok) void load(); else setError(r.message);
  };
  const left = pairing ? Math.max(0, Math.round((pairing.expiresAt - now) / 1000)) : 0;

  return (
    <>
      <section class="card">
        <h2>配对新终端 · Pair a new kiosk</h2>
        <div class="filters">
          <label>窗口 Window
            <select value={windowId} onChange={(e) => setWindowId((e.target as HTMLSelectElement).value)}>
              {windows?.windows.map((w) => <option key={w.id} value={w.id}>{w.number} {w.name.zh}</option>)}
            </select>
          </label>
          <button type="button" class="btn" onClick={() => void newCode()} disabled={!windowId}>生成配对码 · Create pairing code</button>
        </div>
        {pairing && (
          <div class="pairing">
            <img class="qr" alt={`QR code for pairing code ${pairing.code}`} src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(pairing.qrSvg)}`} />
            <div>
              <p class="muted">窗口 Window {windows?.windows.find((w) => w.id === pairing.windowId)?.number ?? pairing.windowId}</p>
              <p class="code" data-testid="pairing-code">{pairing.code}</p>
              <p class={left === 0 ? 'error' : 'muted'}>{left === 0 ? '已过期，请重新生成 · Expired; create a new one' : `有效期还剩 ${Math.floor(left / 60)}:${String(left % 60).padStart(2, '0')} · valid for ${Math.floor(left / 60)} min ${left % 60} s`}</p>
              <p class="muted">在平板上打开 <b>/kiosk</b> 输入配对码，或用平板相机扫描二维码。<br />On the tablet open <b>/kiosk</b> and type the code, or scan the QR code with its camera.</p>
            </div>
          </div>
        )}
        {error && <p class="error" role="alert">{error}</p>}
      </section>
      <section class="card">
        <div class="card-head">
          <h2>终端状态 · Kiosk fleet</h2>
          <button type="button" class="btn-plain" onClick={() => void load()}>刷新 · Refresh</button>
        </div>
        <p class="muted">开放时间内 30 分钟无心跳的终端排在最前 · Kiosks silent for 30 minutes during opening hours are listed first.</p>
        <table class="fleet">
          <thead><tr>
            <th>状态 State</th><th>窗口 Window</th><th>最后在线 Last seen</th><th>版本 Version</th><th>待同步 Pending</th><th>被拒 Dead letters</th>
            <th>存储 Storage</th><th>时钟偏差 Clock</th><th>操作 Actions</th>
          </tr></thead>
          <tbody>
            {rows?.length === 0 && <tr><td colSpan={9} class="muted">尚无已登记终端 · No kiosks enrolled yet</td></tr>}
            {rows?.map((k) => (
              <tr key={k.id} class={`state-${k.state}`}>
                <td><span class={`pill pill-${k.state}`}>{STATE[k.state]}</span></td>
                <td>{k.windowNumber} <span class="muted small">{k.id.slice(-6)}</span></td>
                <td>{when(k.lastSeenAt)}</td>
                <td>{k.appVersion ?? '—'}</td>
                <td>{k.pending ?? '—'}</td>
                <td class={k.deadLetters ? 'warn' : ''}>{k.deadLetters ?? '—'}{k.seqUnexplained ? <span class="warn small" title="序号缺口：设备存储可能被清除 · sequence gap: device storage may have been cleared"> · 缺 {k.seqUnexplained}</span> : null}</td>
                <td>{bytes(k.storageUsage)}{k.storageQuota ? ` / ${bytes(k.storageQuota)}` : ''}</td>
                <td>{offset(k.clockOffsetMs)}</td>
                <td><div class="actions">
                  {k.state !== 'revoked' && (
                    <>
                      <select aria-label={`移至窗口 Move kiosk of window ${k.windowNumber}`} value={k.windowId} onChange={(e) => void move(k, (e.target as HTMLSelectElement).value)}>
                        {windows?.windows.filter((w) => w.siteId === k.siteId).map((w) => <option key={w.id} value={w.id}>{w.id === k.windowId ? `${w.number} 当前` : `移至 ${w.number}`}</option>)}
                      </select>
                      <button type="button" class="btn-danger" onClick={() => void revoke(k)}>吊销 Revoke</button>
                    </>
                  )}
                </div></td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </>
  );
}
