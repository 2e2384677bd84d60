/**
 * Where the retention purge's masking of a site's words stopped, as `settings` keeps it: `<received_at>:<id>` of the
 * last row looked at (the next page starts after it), or `<cut-off>:` once everything before that cut-off was.
 */
export function markOf(value: string | undefined): { at: number; id: string } {
  if (value === undefined) return { at: -1, id: '' };
  const i = value.indexOf(':');
  const at = Number(i < 0 ? value : value.slice(0, i));
  return Number.isFinite(at) ? { at, id: i < 0 ? '' : value.slice(i + 1) } : { at: -1, id: '' };
}

/** The mark after a page: past its last row, or past `before` once nothing before it is left. */
export function markAfter(before: number, last: { received_at: number; id: string } | undefined, done: boolean): string {
  return done || !last ? `${before}:` : `${last.received_at}:${last.id}`;
}
