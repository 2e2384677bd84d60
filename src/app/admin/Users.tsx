import { useEffect, useState } from 'preact/hooks';
import { useLatest } from '../common/latest';
import { api } from '../common/api';
import { when } from '../common/format';
import { SubjectsSchema, UserAnswerSchema, UserListSchema, type PatchUser, type Role, type Subjects, type UserRow, type WindowList } from '../../shared/api';
import { useLang, useTexts } from '../i18n/lang';
import { adminText } from '../i18n/admin';
import { staffText } from '../i18n/staff';
import { errorText, staffName, type Failure } from '../i18n/format';
import { fill, pick } from '../i18n/use';
import { ScopeFields, type Scope } from './UserScope';

const ROLES: Role[] = ['supervisor', 'staff', 'admin'];

/** A refusal the form makes itself, worded as the endpoint's would be. */
const refuse = (field: string): Failure => ({ status: 400, error: 'invalid', field, message: '' });

/** Why a scope cannot be saved, before asking the endpoint: a supervisor needs a hall. */
const localProblem = (role: Role, scope: Scope): Failure | null => (role === 'supervisor' && scope.sites.length === 0 ? refuse('sites') : null);

/** Users and roles: add, change role, halls and staff link, reset a password, disable. */
export function Users({ windows, self }: { windows: WindowList | null; self: string }) {
  const lang = useLang();
  const t = useTexts(adminText);
  const s = useTexts(staffText);
  const [users, setUsers] = useState<UserRow[] | null>(null);
  const [staff, setStaff] = useState<Subjects['staff']>([]);
  const [error, setError] = useState<Failure | null>(null);
  /** Where the last answer is shown: under the form that added a user, or under the table whose row was changed. */
  const [errorAt, setErrorAt] = useState<'add' | 'rows'>('add');
  const [notice, setNotice] = useState<string | null>(null);
  /** A row's halls and staff link being edited; `role` when a change of role waits for them (admin → supervisor). */
  const [editing, setEditing] = useState<{ id: number; scope: Scope; role?: Role } | null>(null);
  const halls = windows?.sites ?? [];
  const [role, setRole] = useState<Role>('supervisor');
  const [scope, setScope] = useState<Scope>({ sites: [], staffId: '' });
  // With one hall it is ticked for a new user, as most halls run alone.
  useEffect(() => { if (halls.length === 1) setScope((x) => (x.sites.length ? x : { ...x, sites: [halls[0]!.id] })); }, [halls.length]);
  // The form's own words for each field the user routes may refuse (error "invalid").
  const fields = { username: t.bad_username, password: t.bad_password, role: t.bad_role, sites: t.bad_sites, staffId: t.bad_staffId };
  const latest = useLatest();
  const load = async () => {
    const current = latest();
    const r = await api.get('/api/v1/admin/users', UserListSchema);
    if (!current()) return;
    if (r.ok) setUsers(r.data.users); else setError(r);
  };
  useEffect(() => {
    void load();
    void api.get('/api/v1/stats/subjects', SubjectsSchema).then((r) => (r.ok ? setStaff(r.data.staff) : setError(r)));
  }, []);

  const patch = async (u: UserRow, body: PatchUser, done: string): Promise<boolean> => {
    setErrorAt('rows');
    const r = await api.patch(`/api/v1/admin/users/${u.id}`, body, UserAnswerSchema);
    if (!r.ok) { setError(r); return false; }
    setError(null); setNotice(fill(done, { user: u.username })); void load();
    return true;
  };
  const add = async (e: Event) => {
    e.preventDefault();
    const form = e.currentTarget as HTMLFormElement;
    const f = new FormData(form);
    setErrorAt('add');
    const local = localProblem(role, scope);
    if (local) { setError(local); return; }
    const body = {
      username: String(f.get('username') ?? ''), password: String(f.get('password') ?? ''), role,
      sites: role === 'admin' ? [] : scope.sites, staffId: scope.staffId || null,
    };
    const r = await api.post('/api/v1/admin/users', body, UserAnswerSchema);
    if (r.ok) {
      form.reset();
      setScope({ sites: halls.length === 1 ? [halls[0]!.id] : [], staffId: '' });
      setError(null); setNotice(fill(t.added, { user: body.username })); void load();
    } else setError(r);
  };
  const saveScope = async (u: UserRow) => {
    if (!editing) return;
    const local = localProblem(editing.role ?? u.role, editing.scope);
    if (local) { setErrorAt('rows'); setError(local); return; }
    const body: PatchUser = { sites: editing.scope.sites, staffId: editing.scope.staffId || null, ...(editing.role ? { role: editing.role } : {}) };
    if (await patch(u, body, editing.role ? t.roleChanged : t.scopeChanged)) setEditing(null);
  };
  /** A new role: at once, unless it needs halls the user has none of (an admin made supervisor or staff, a hall-less staff account made supervisor): then its halls first. */
  const changeRole = (u: UserRow, to: Role) => {
    if ((to !== 'admin' && u.role === 'admin') || (to === 'supervisor' && u.sites.length === 0)) {
      setError(null);
      setEditing({ id: u.id, role: to, scope: { sites: u.sites.length > 0 ? u.sites : halls.length === 1 ? [halls[0]!.id] : [], staffId: u.staffId ?? '' } });
      return;
    }
    void patch(u, { role: to }, t.roleChanged).then((ok) => ok || void load());
  };
  const resetPassword = (u: UserRow) => {
    const pw = prompt(fill(t.newPasswordPrompt, { user: u.username }));
    if (pw === null || pw === '') return;
    if (pw.length < 10) { setError(refuse('password')); return; }
    void patch(u, { password: pw }, t.passwordReset);
  };
  const roleName = (r: Role) => s[`role_${r}`];
  const hallName = (id: string) => { const h = halls.find((x) => x.id === id); return h ? pick(h.name, lang) : id; };
  const member = (id: string) => staff.find((m) => m.id === id);

  return (
    <>
      <section class="card">
        <h2>{t.addUser}</h2>
        <form class="filters" onSubmit={(e) => void add(e)}>
          <label>{s.username}<input name="username" required pattern="[A-Za-z0-9._\-]{2,64}" autocomplete="off" /></label>
          <label>{t.initialPassword}<input name="password" type="password" required minLength={10} autocomplete="new-password" /></label>
          <label>{t.role}
            <select name="role" value={role} onChange={(e) => setRole((e.target as HTMLSelectElement).value as Role)}>{ROLES.map((r) => <option key={r} value={r}>{roleName(r)}</option>)}</select>
          </label>
          <ScopeFields role={role} halls={halls} staff={staff} value={scope} onChange={setScope} />
          <button type="submit" class="btn">{t.add}</button>
        </form>
        <p class="muted">{t.rolesNote}</p>
        {role === 'staff' && !scope.staffId && <p class="warn small" role="status" data-testid="staff-unlinked">{t.staffUnlinked}</p>}
        {error && errorAt === 'add' && <p class="error" role="alert">{errorText(s, error, fields)}</p>}
        {notice && !error && errorAt === 'add' && <p class="ok" role="status">{notice}</p>}
      </section>
      <section class="card">
        <h2>{t.usersTitle}</h2>
        {error && errorAt === 'rows' && <p class="error" role="alert">{errorText(s, error, fields)}</p>}
        {notice && !error && errorAt === 'rows' && <p class="ok" role="status">{notice}</p>}
        <table>
          <thead><tr><th>{s.username}</th><th>{t.role}</th><th>{t.sites}</th><th>{t.staffNo}</th><th>{s.created}</th><th>{s.state}</th><th>{s.actions}</th></tr></thead>
          <tbody>
            {users?.map((u) => [
              <tr key={u.id} class={u.disabled ? 'disabled' : ''}>
                <td>{u.username}{u.username === self && <span class="muted small">{t.you}</span>}</td>
                <td>
                  <select aria-label={fill(t.roleOf, { user: u.username })} value={editing?.id === u.id && editing.role ? editing.role : u.role} onChange={(e) => changeRole(u, (e.target as HTMLSelectElement).value as Role)}>
                    {(['admin', 'supervisor', 'staff'] as Role[]).map((r) => <option key={r} value={r}>{roleName(r)}</option>)}
                  </select>
                </td>
                <td>{u.role === 'admin' ? <span class="muted">{s.all}</span> : u.sites.map(hallName).join(lang === 'en' ? ', ' : '、') || '—'}</td>
                <td>{u.staffId ? staffName(s, member(u.staffId), u.staffId) : '—'}</td>
                <td>{when(u.createdAt)}</td>
                <td>{u.disabled ? <span class="pill pill-revoked">{t.disabled}</span> : <span class="pill pill-ok">{t.active}</span>}</td>
                <td><div class="actions">
                  {u.role !== 'admin' && <button type="button" class="btn-plain" aria-expanded={editing?.id === u.id} onClick={() => setEditing(editing?.id === u.id ? null : { id: u.id, scope: { sites: u.sites, staffId: u.staffId ?? '' } })}>{t.editScope}</button>}
                  <button type="button" class="btn-plain" onClick={() => resetPassword(u)}>{t.resetPassword}</button>
                  <button type="button" class={u.disabled ? 'btn-plain' : 'btn-danger'} onClick={() => void patch(u, { disabled: !u.disabled }, u.disabled ? t.enabledNotice : t.disabledNotice)}>
                    {u.disabled ? t.enable : t.disable}
                  </button>
                </div></td>
              </tr>,
              editing?.id === u.id && (
                <tr key={`${u.id}-scope`} class="scope-edit">
                  <td colSpan={7}>
                    <form class="filters" aria-label={fill(t.editScopeOf, { user: u.username })} onSubmit={(e) => { e.preventDefault(); void saveScope(u); }}>
                      {editing.role && <p class="muted">{fill(t.roleNeedsHalls, { user: u.username, role: roleName(editing.role) })}</p>}
                      <ScopeFields role={editing.role ?? u.role} halls={halls} staff={staff} value={editing.scope} onChange={(next) => setEditing({ ...editing, scope: next })} />
                      <button type="submit" class="btn">{t.save}</button>
                      <button type="button" class="btn-plain" onClick={() => setEditing(null)}>{t.cancel}</button>
                    </form>
                  </td>
                </tr>
              ),
            ])}
          </tbody>
        </table>
      </section>
    </>
  );
}
