/** Contact details citizens leave (a call-back number, a suggestion's contact): one masking rule for every screen and export. */
import { maskPhone, normalisePhone } from './phone';

export type ContactKind = 'phone' | 'email' | 'other';

const EMAIL_RE = /([^\s@]+)@([^\s@.]+)((?:\.[^\s@.]+)+)/g;
// A phone number inside free text: 7+ digits, possibly with spaces, dashes or a +86 prefix.
const PHONE_RUN_RE = /\+?\d[\d\s-]{5,}\d/g;

/** What a contact mainly is, masked or not, so a screen shows the right icon (☎ or ✉). */
export function contactKind(s: string | null | undefined): ContactKind {
  if (!s) return 'other';
  if (/[^\s@]+@[^\s@]+\.[^\s@]+/.test(s)) return 'email';
  if (/\d{3}\*+\d{4}|\d{7,}/.test(s.replace(/[\s-]/g, ''))) return 'phone';
  return 'other';
}

/** The icon a contact is shown with. */
export function contactIcon(s: string | null | undefined): string {
  const kind = contactKind(s);
  return kind === 'email' ? '✉' : kind === 'phone' ? '☎' : '👤';
}

const keepFirst = (s: string): string => {
  const chars = [...s];
  return chars.length <= 1 ? '*' : `${chars[0]}${'*'.repeat(Math.min(6, chars.length - 1))}`;
};

/**
 * Masks a contact wherever it is shown without the right to see it: phone numbers keep their first three and
 * last four digits (138****1234), e-mail addresses keep the first letter of the name and of the domain
 * (z***@e***.com); anything else keeps its first character.
 */
export function maskContact(s: string | null | undefined): string {
  if (!s) return '';
  let out = s.replace(EMAIL_RE, (_m, _local: string, host: string, tld: string) => `${[..._local][0]}***@${[...host][0]}***${tld.slice(tld.lastIndexOf('.'))}`);
  out = out.replace(PHONE_RUN_RE, (m) => maskPhone(m));
  return out === s ? keepFirst(s) : out;
}

/**
 * Telephone numbers a citizen typed into free text (a comment, a suggestion): a mainland mobile (11 digits from 1[3-9],
 * spaces or dashes between them, an optional +86) or a landline with its area code (0 and 2–3 digits, then 7–8), not
 * part of a longer run of digits. Dates, times, amounts and case numbers are not numbers of this shape.
 */
const PHONE_IN_TEXT_RE = /(?<![\d+])(?:(?:\+?86[\s-]?)?1[3-9]\d(?:[\s-]?\d){8}|0\d{2,3}[\s-]?\d{7,8})(?!\d)/g;

/**
 * Full-width digits, plus sign, hyphen and space (a Chinese keyboard types them) as their ASCII twins, one code unit
 * for one: a number is found in the folded text at the same places as in the words written.
 */
function foldWidth(s: string): string {
  return s.replace(/[\uFF0B\uFF0D\uFF10-\uFF19\u3000]/g, (c) => (c === '\u3000' ? ' ' : String.fromCharCode(c.charCodeAt(0) - 0xfee0)));
}

/** The telephone numbers in free text, as digits (spaces, dashes and +86 taken out), in the order written. */
export function phonesInText(s: string): string[] {
  return [...foldWidth(s).matchAll(PHONE_IN_TEXT_RE)].map((m) => normalisePhone(m[0]));
}

/**
 * Free text with the telephone numbers in it masked as contacts are (138****1234), full-width ones too; the rest of
 * the text as written.
 */
export function maskPhonesInText(s: string): string {
  const folded = foldWidth(s);
  if (folded === s) return s.replace(PHONE_IN_TEXT_RE, (m) => maskPhone(m));
  let out = '';
  let from = 0;
  for (const m of folded.matchAll(PHONE_IN_TEXT_RE)) {
    out += s.slice(from, m.index) + maskPhone(m[0]);
    from = m.index + m[0].length;
  }
  return out + s.slice(from);
}

/**
 * Whether free text may hold a telephone number for `maskPhonesInText`: a cheap test for writers that copy text as it
 * is and leave a row that may hold one to the writer that masks. It holds whenever a number does (a digit 0, or 1 and
 * a digit 3–9 in a row, in ASCII or full width), and for some text that holds none.
 */
export const MAY_HOLD_PHONE = /[0\uFF10]|[1\uFF11][3-9\uFF13-\uFF19]/;
