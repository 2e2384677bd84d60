/** Names of windows, staff, reasons and halls in the staff language, from the subjects the user may see. */
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Subjects } from '../../shared/api';
import type { Lang } from '../i18n/dict';
import { pick } from '../i18n/use';
import { staffText } from '../i18n/staff';
import { staffName, windowName } from '../i18n/format';

export interface Names {
  window: (id: string) => string;
  staff: (id: string) => string;
  reason: (code: string) => string;
  site: (id: string) => string;
}

/** Names for a language; an id the subjects do not know is shown as it is. */
export function namesOf(subjects: Subjects | null, lang: Lang): Names {
  const t = staffText(lang);
  return {
    window: (id) => { const w = subjects?.windows.find((x) => x.id === id); return w ? windowName(w, lang) : id; },
    staff: (id) => staffName(t, subjects?.staff.find((x) => x.id === id), id),
    reason: (code) => {
      for (const s of subjects?.sites ?? []) { const r = s.reasons.find((x) => x.code === code); if (r) return pick(r, lang); }
      return code;
    },
    site: (id) => { const s = subjects?.sites.find((x) => x.id === id); return s ? pick(s.name, lang) : id; },
  };
}

export const NamesContext = createContext<Names>(namesOf(null, 'zh-CN'));

export function useNames(): Names {
  return useContext(NamesContext);
}
