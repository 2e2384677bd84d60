/** Mainland China mobile numbers: 11 digits starting 1[3-9]. */
export const MOBILE_RE = /^1[3-9]\d{9}$/;

/** Strips spaces, dashes and a +86 prefix. */
export function normalisePhone(s: string): string {
  return s.replace(/[\s-]/g, '').replace(/^(\+?86)(?=1\d{10}$)/, '');
}

export function isMobile(s: string): boolean {
  return MOBILE_RE.test(normalisePhone(s));
}

/** 138****1234: keeps the first three and last four digits. */
export function maskPhone(s: string | null | undefined): string {
  if (!s) return '';
  const p = normalisePhone(s);
  if (p.length < 7) return '*'.repeat(p.length);
  return p.slice(0, 3) + '*'.repeat(p.length - 7) + p.slice(-4);
}
