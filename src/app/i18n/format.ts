/** Text made from codes and data in a language: errors, grades, names of windows, staff and reasons. */
import type * as v from 'valibot';
import type { GradeSchema, BiName } from '../../shared/api';
import type { Lang } from './dict';
import { fill, pick } from './use';
import type { StaffTexts } from './staff';

type Grade = v.InferOutput<typeof GradeSchema>;

/** A failed call as the endpoint's code says it; an unknown code shows the endpoint's own message. */
export interface Failure { status: number; error: string; field?: string; message: string; retryAfterSeconds?: number }

/** What a screen says, in the staff language, about each of its fields the endpoint may refuse (`sites` also covers `sites.0`). */
export type FieldTexts = Readonly<Record<string, string>>;

/**
 * The message of a failed call in the staff language. A refused field the screen words in `fields` is said in those
 * words instead of the endpoint's English message.
 */
export function errorText(t: StaffTexts, f: Failure, fields?: FieldTexts): string {
  const named = f.error === 'invalid' && f.field !== undefined ? fields?.[f.field] ?? fields?.[f.field.split('.')[0]!] : undefined;
  if (named !== undefined) return named;
  const vars = { field: f.field ?? '—', message: f.message, status: f.status, error: f.error, minutes: Math.ceil((f.retryAfterSeconds ?? 60) / 60), seconds: f.retryAfterSeconds ?? 5 };
  const key = `err_${f.error}` as keyof StaffTexts;
  return fill(key in t ? t[key] : t.err_other, vars);
}

/** ★★★★☆, — (too few ratings) or the veto, from a grade code. */
export function gradeLabel(t: StaffTexts, g: Grade | null): string {
  if (g === null) return '';
  switch (g.kind) {
    case 'stars': return '★'.repeat(g.stars) + '☆'.repeat(5 - g.stars);
    case 'insufficient': return t.noGrade;
    case 'vetoed': return t.vetoed;
  }
}

/** "03 综合受理" / "03 General services". */
export function windowName(w: { number: string; name: BiName }, lang: Lang): string {
  return `${w.number} ${pick(w.name, lang)}`;
}

/** "王丽（1001）" / "王丽 (1001)"; the empty id is a rating made while nobody was signed in. */
export function staffName(t: StaffTexts, s: { name: string; staffNumber: string } | undefined, id: string): string {
  if (id === '') return t.unassigned;
  return s ? fill(t.staffLabel, { name: s.name, no: s.staffNumber }) : id;
}

/** "2026年5月" / "May 2026", from a YYYY-MM month. */
export function monthName(month: string, lang: Lang): string {
  return new Intl.DateTimeFormat(lang, { year: 'numeric', month: 'long', timeZone: 'UTC' }).format(Date.parse(`${month}-01T00:00:00Z`));
}
