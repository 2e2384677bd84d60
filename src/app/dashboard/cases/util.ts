/** Small helpers of the case screens. */
/** A label in the staff screens' chosen language (the page's `lang`, set by the language toggle). */
export const lx = (t: { zh: string; en: string }): string => (globalThis.document?.documentElement.lang === 'en' ? t.en : t.zh);
export const bi = lx;

/** 11-24 17:30 on the hall's clock (`timeZone`: the case's hall; Asia/Shanghai where an answer does not say). */
export function shortTime(iso: string | null, timeZone = 'Asia/Shanghai'): string {
  if (!iso) return '—';
  return new Date(iso).toLocaleString('zh-CN', { timeZone, month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false });
}

/** A deadline is the midnight that ends its last day: shown as that day's 23:59. */
export function dueTime(iso: string | null, timeZone?: string): string {
  return iso ? shortTime(new Date(Date.parse(iso) - 60_000).toISOString(), timeZone) : '—';
}

export const pct = (x: number | null): string => (x === null ? '—' : `${(x * 100).toFixed(1)}%`);

/** The open case lives in the URL (`?view=cases&case=…`) so it can be shared and reloaded. */
export function caseParam(): string | null {
  return new URLSearchParams(location.search).get('case');
}

export function setCaseParam(n: string | null): void {
  const p = new URLSearchParams(location.search);
  if (n) p.set('case', n); else p.delete('case');
  history.pushState(null, '', `?${p}`);
}
