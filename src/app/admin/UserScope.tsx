import type { Role, Subjects, WindowList } from '../../shared/api';
import { useLang, useTexts } from '../i18n/lang';
import { adminText } from '../i18n/admin';
import { staffText } from '../i18n/staff';
import { staffName } from '../i18n/format';
import { pick } from '../i18n/use';

/** The halls a user sees and the staff member they are; what the endpoint checks together (auth/users.ts scopeProblem). */
export interface Scope { sites: string[]; staffId: string }

type Hall = WindowList['sites'][number];
type Member = Subjects['staff'][number];

/** The staff members a user with these halls may be linked to: those of the halls, or everyone while none is ticked. */
export function linkable(staff: readonly Member[], role: Role, sites: readonly string[]): Member[] {
  return role === 'admin' || sites.length === 0 ? [...staff] : staff.filter((m) => sites.includes(m.siteId));
}

/** Hall checkboxes and the staff-member picker; unticking the hall of the chosen member clears the link. */
export function ScopeFields({ role, halls, staff, value, onChange }: {
  role: Role; halls: readonly Hall[]; staff: readonly Member[]; value: Scope; onChange: (next: Scope) => void;
}) {
  const lang = useLang();
  const t = useTexts(adminText);
  const s = useTexts(staffText);
  const toggle = (id: string, on: boolean) => {
    const sites = on ? [...value.sites, id] : value.sites.filter((x) => x !== id);
    const keep = linkable(staff, role, sites).some((m) => m.id === value.staffId);
    onChange({ sites, staffId: keep ? value.staffId : '' });
  };
  const hallName = (id: string) => { const h = halls.find((x) => x.id === id); return h ? pick(h.name, lang) : id; };
  return (
    <>
      <fieldset class="sites"><legend>{t.sites}</legend>
        {role === 'admin'
          ? <span class="muted">{s.all}</span>
          : halls.map((h) => (
            <label key={h.id} class="check">
              <input type="checkbox" name="sites" value={h.id} checked={value.sites.includes(h.id)} onChange={(e) => toggle(h.id, (e.target as HTMLInputElement).checked)} />
              {pick(h.name, lang)}
            </label>
          ))}
      </fieldset>
      <label>{t.staffLink}
        <select name="staffId" value={value.staffId} onChange={(e) => onChange({ ...value, staffId: (e.target as HTMLSelectElement).value })}>
          <option value="">{t.noStaffLink}</option>
          {linkable(staff, role, value.sites).map((m) => (
            <option key={m.id} value={m.id}>{staffName(s, m, m.id)}{halls.length > 1 ? ` · ${hallName(m.siteId)}` : ''}</option>
          ))}
        </select>
      </label>
    </>
  );
}
