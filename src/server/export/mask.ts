import { maskPhone } from '../../shared/phone';

/**
 * Masks free-text contact details: runs of 7+ digits (phone numbers) keep their first three and last four,
 * e-mail local parts keep one letter; anything else keeps its first character.
 */
export function maskContact(s: string | null | undefined): string {
  if (!s) return '';
  let out = s.replace(/\+?\d[\d\s-]{5,}\d/g, (m) => maskPhone(m));
  out = out.replace(/([A-Za-z0-9._%+-])[A-Za-z0-9._%+-]*@/g, '$1***@');
  if (out === s) return s.length <= 1 ? '*' : `${[...s][0]}${'*'.repeat(Math.min(6, [...s].length - 1))}`;
  return out;
}
