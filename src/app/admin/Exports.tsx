import { useState } from 'preact/hooks';
import type { WindowList } from './http';
import { siteDay } from '../../shared/time';

type What = 'responses' | 'suggestions' | 'daily';
const WHAT: Array<[What, string]> = [['responses', '评价明细 Responses'], ['suggestions', '意见箱 Suggestions'], ['daily', '每日汇总 Daily aggregates']];

/** Exports with the dashboard's filters; personal data only with a reason, written to the audit log. */
export function Exports({ csrf, windows, isAdmin }: { csrf: string; windows: WindowList | null; isAdmin: boolean }) {
  // The hall's today, not the browser's: days are counted in the site's time zone.
  const zone = windows?.sites[0]?.timeZone ?? 'Asia/Shanghai';
  const today = siteDay(Date.now(), zone);
  const [site, setSite] = useState('');
  const [from, setFrom] = useState(today.slice(0, 8) + '01');
  const [to, setTo] = useState(today);
  const [windowId, setWindowId] = useState('');
  const [suspect, setSuspect] = useState(false);
  const [gb, setGb] = useState(false);
  const [format, setFormat] = useState<'csv' | 'jsonl'>('csv');
  const [personal, setPersonal] = useState(false);
  const [reason, setReason] = useState('');
  const siteId = site || windows?.sites[0]?.id || '';
  const reasonOk = reason.trim().length >= 4;

  const url = (what: What) => {
    const q = new URLSearchParams({ site: siteId, from, to });
    if (windowId) q.set('window', windowId);
    if (suspect) q.set('suspect', '1');
    if (gb && what === 'responses') q.set('gb', '1');
    if (personal && what !== 'daily') { q.set('personal', '1'); q.set('reason', reason.trim()); q.set('csrf', csrf); }
    return `/api/v1/export/${what}.${format}?${q}`;
  };
  const month = to.slice(0, 7);

  return (
    <section class="card">
      <h2>导出 · Export</h2>
      <div class="filters">
        <label>大厅 Site
          <select value={siteId} onChange={(e) => { setSite((e.target as HTMLSelectElement).value); setWindowId(''); }}>
            {windows?.sites.map((s) => <option key={s.id} value={s.id}>{s.name.zh}</option>)}
          </select>
        </label>
        <label>开始日期 From<input type="date" value={from} max={to} onChange={(e) => setFrom((e.target as HTMLInputElement).value)} /></label>
        <label>结束日期 To<input type="date" value={to} min={from} onChange={(e) => setTo((e.target as HTMLInputElement).value)} /></label>
        <label>窗口 Window
          <select value={windowId} onChange={(e) => setWindowId((e.target as HTMLSelectElement).value)}>
            <option value="">全部窗口 All windows</option>
            {windows?.windows.filter((w) => w.siteId === siteId).map((w) => <option key={w.id} value={w.id}>{w.number} {w.name.zh}</option>)}
          </select>
        </label>
        <label>格式 Format
          <select value={format} onChange={(e) => setFormat((e.target as HTMLSelectElement).value as 'csv' | 'jsonl')}>
            <option value="csv">CSV (Excel)</option>
            <option value="jsonl">JSON Lines</option>
          </select>
        </label>
      </div>
      <div class="options">
        <label class="check"><input type="checkbox" checked={suspect} onChange={(e) => setSuspect((e.target as HTMLInputElement).checked)} />包含可疑评价 Include suspect ratings</label>
        <label class="check"><input type="checkbox" checked={gb} onChange={(e) => setGb((e.target as HTMLInputElement).checked)} />加 GB/T 39046 评价代码列（1 = 非常满意 … 5 = 非常不满意） Add the GB/T 39046 code column</label>
        {isAdmin && <label class="check"><input type="checkbox" checked={personal} onChange={(e) => setPersonal((e.target as HTMLInputElement).checked)} />包含个人信息（手机号、联系方式） Include personal data</label>}
      </div>
      {personal && (
        <label class="reason">导出原因（将记入审计日志） Reason (written to the audit log)
          <input value={reason} onInput={(e) => setReason((e.target as HTMLInputElement).value)} placeholder="例：回访差评 12 月批次 · e.g. call-backs for December" maxLength={500} />
        </label>
      )}
      <ul class="downloads">
        {WHAT.map(([what, label]) => (
          <li key={what}>
            {personal && what !== 'daily' && !reasonOk
              ? <span class="btn btn-link disabled" aria-disabled="true">{label}</span>
              : <a class="btn btn-link" href={url(what)} download>{label}</a>}
          </li>
        ))}
        <li><a class="btn btn-link secondary" href={`/api/v1/stats/month.csv?${new URLSearchParams({ site: siteId, month })}`} download>月度报告 Month report {month}</a></li>
      </ul>
      <p class="muted">CSV 为 UTF-8（带 BOM）、CRLF 换行，Excel 可直接打开中文；以 = + - @ 开头的内容加 ' 防止公式注入。手机号默认脱敏（138****1234）。
        <br />CSV is UTF-8 with BOM and CRLF, so Excel opens Chinese text intact; cells starting with = + - @ are prefixed with ' against formula injection. Phone numbers are masked unless personal data is included.</p>
    </section>
  );
}
