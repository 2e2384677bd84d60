/** Names of the insights' subjects in the staff language. */
import { useNames } from '../names';

interface Subject { subject: 'window' | 'staff' | 'site'; id: string; label: string }

/** A subject's name from the subjects the user may see, in the staff language; the endpoint's label when they do not know it. */
export function useSubjectName(): (s: Subject) => string {
  const names = useNames();
  return (s) => {
    const name = s.subject === 'window' ? names.window(s.id) : s.subject === 'staff' ? names.staff(s.id) : names.site(s.id);
    return name === s.id ? s.label : name;
  };
}
