import { useEffect, useState } from 'preact/hooks';
import type { DisplayFigures } from '../../server/stats/types';
import { formatRate } from '../../shared/metrics';
import { WindowCard } from './WindowCard';

const REFRESH_MS = 60_000;

type State = { kind: 'loading' } | { kind: 'ok'; data: DisplayFigures; stale: boolean } | { kind: 'denied' } | { kind: 'error'; message: string };

async function load(siteId: string, token: string): Promise<State> {
  try {
    const r = await fetch(`/api/v1/display/${encodeURIComponent(siteId)}`, { headers: { authorization: `Bearer ${token}` }, cache: 'no-store' });
    if (r.status === 401 || r.status === 403) return { kind: 'denied' };
    if (!r.ok) return { kind: 'error', message: `HTTP ${r.status}` };
    return { kind: 'ok', data: (await r.json()) as DisplayFigures, stale: false };
  } catch (e) {
    return { kind: 'error', message: (e as Error).message };
  }
}

/** The public big screen (公示): refreshes itself every minute; keeps the last figures if the network drops. */
export function Display({ siteId, token }: { siteId: string; token: string | null }) {
  const [state, setState] = useState<State>({ kind: 'loading' });
  useEffect(() => {
    if (!token) return;
    const tick = () => void load(siteId, token).then((next) => setState((prev) => (next.kind === 'error' && prev.kind === 'ok' ? { ...prev, stale: true } : next)));
    tick();
    const id = setInterval(tick, REFRESH_MS);
    return () => clearInterval(id);
  }, [siteId, token]);

  if (!token || state.kind === 'denied') return <main class="msg"><h1>需要有效的公示令牌</h1><p>A valid display token is needed; ask the administrator for the display link.</p></main>;
  if (state.kind === 'loading') return <main class="msg"><p>正在加载…</p></main>;
  if (state.kind === 'error') return <main class="msg"><h1>暂时无法获取数据</h1><p>{state.message}</p></main>;
  const d = state.data;
  return (
    <main class="screen">
      <header class="head">
        <h1>{d.site.name.zh}<small>服务评价公示 · {d.site.name.en}</small></h1>
        <div class="totals">
          <div><div class="lbl">今日满意率 · {d.day}</div><div class="big">{formatRate(d.today.satisfaction)}</div><div class="cnt">{d.today.total} 条评价</div></div>
          <div><div class="lbl">本月满意率 · {d.month}</div><div class="big">{formatRate(d.thisMonth.satisfaction)}</div><div class="cnt">{d.thisMonth.total} 条评价</div></div>
        </div>
      </header>
      <section class="grid" aria-label="各窗口 Windows">
        {d.windows.map((w) => <WindowCard key={w.number} w={w} target={d.target} />)}
      </section>
      <footer class="foot">
        满意率 = “满意”及“非常满意”评价数 ÷ 评价总数 · 目标 {Math.round(d.target * 100)}% · 星级按本月满意率评定（满 30 条评价）
        <span class={state.stale ? 'stale' : ''}>更新于 {new Date(d.updatedAt).toLocaleTimeString('zh-CN', { hour: '2-digit', minute: '2-digit' })}{state.stale ? '（网络中断，显示上次数据）' : ''}</span>
      </footer>
    </main>
  );
}
