import { useEffect, useState } from 'preact/hooks';
import { api } from '../common/api';
import { when } from '../common/format';
import { UserAnswerSchema, UserListSchema, type PatchUser, type Role, type UserRow, type WindowList } from '../../shared/api';
import { useLang, useTexts } from '../i18n/lang';
import { adminText } from '../i18n/admin';
import { staffText } from '../i18n/staff';
import { errorText } from '../i18n/format';
import { fill, pick } from '../i18n/use';

const ROLES: Role[] = ['supervisor', 'staff', 'admin'];

/** Users and roles: add, change role and sites, reset a password, disable. */
export function Users({ windows, self }: { windows: WindowList | null; self: string }) {
  const lang = useLang();
  const t = useTexts(adminText);
  const s = useTexts(staffText);
  const [users, setUsers] = useState<UserRow[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const sites = windows?.sites ?? [];
  const load = async () => {
    const r = await api.get('/api/v1/admin/users', UserListSchema);
    if (r.ok) setUsers(r.data.users); else setError(errorText(s, r));
  };
  useEffect(() => { void load(); }, []);

  const patch = async (u: UserRow, body: PatchUser, done: string) => {
    const r = await api.patch(`/api/v1/admin/users/${u.id}`, body, UserAnswerSchema);
    if (r.ok) { setError(null); setNotice(fill(done, { user: u.username })); void load(); } else setError(errorText(s, r));
  };
  const add = async (e: Event) => {
    e.preventDefault();
    const form = e.currentTarget as HTMLFormElement;
    const f = new FormData(form);
    const body = {
      username: String(f.get('username') ?? ''), password: String(f.get('password') ?? ''), role: String(f.get('role')) as Role,
      sites: f.getAll('sites').map(String), staffId: String(f.get('staffId') ?? '') || null,
    };
    const r = await api.post('/api/v1/admin/users', body, UserAnswerSchema);
    if (r.ok) { form.reset(); setError(null); setNotice(fill(t.added, { user: body.username })); void load(); } else setError(errorText(s, r));
  };
  const roleName = (r: Role) => s[`role_${r}`];

  return (
    <>
      <section class="card">
        <h2>{t.addUser}</h2>
        <form class="filters" onSubmit={(e) => void add(e)}>
          <label>{s.username}<input name="username" required pattern="[A-Za-z0-9._\-]{2,64}" autocomplete="off" /></label>
          <label>{t.initialPassword}<input name="password" type="password" required minLength={10} autocomplete="new-password" /></label>
          <label>{t.role}
            <select name="role">{ROLES.map((r) => <option key={r} value={r}>{roleName(r)}</option>)}</select>
          </label>
          <fieldset class="sites"><legend>{t.sites}</legend>
            {sites.map((x) => <label key={x.id} class="check"><input type="checkbox" name="sites" value={x.id} defaultChecked={sites.length === 1} />{pick(x.name, lang)}</label>)}
          </fieldset>
          <label>{t.staffLink}<input name="staffId" placeholder="s1001" size={8} /></label>
          <button type="submit" class="btn">{t.add}</button>
        </form>
        <p class="muted">{t.rolesNote}</p>
        {error && <p class="error" role="alert">{error}</p>}
        {notice && !error && <p class="ok" role="status">{notice}</p>}
      </section>
      <section class="card">
        <h2>{t.usersTitle}</h2>
        <table>
          <thead><tr><th>{s.username}</th><th>{t.role}</th><th>{t.sites}</th><th>{t.staffNo}</th><th>{s.created}</th><th>{s.state}</th><th>{s.actions}</th></tr></thead>
          <tbody>
            {users?.map((u) => (
              <tr key={u.id} class={u.disabled ? 'disabled' : ''}>
                <td>{u.username}{u.username === self && <span class="muted small">{t.you}</span>}</td>
                <td>
                  <select aria-label={fill(t.roleOf, { user: u.username })} value={u.role} onChange={(e) => void patch(u, { role: (e.target as HTMLSelectElement).value as Role }, t.roleChanged)}>
                    {(['admin', 'supervisor', 'staff'] as Role[]).map((r) => <option key={r} value={r}>{roleName(r)}</option>)}
                  </select>
                </td>
                <td>{u.role === 'admin' ? <span class="muted">{s.all}</span> : u.sites.join(', ') || '—'}</td>
                <td>{u.staffId ?? '—'}</td>
                <td>{when(u.createdAt)}</td>
                <td>{u.disabled ? <span class="pill pill-revoked">{t.disabled}</span> : <span class="pill pill-ok">{t.active}</span>}</td>
                <td><div class="actions">
                  <button type="button" class="btn-plain" onClick={() => {
                    const pw = prompt(fill(t.newPasswordPrompt, { user: u.username }));
                    if (pw) void patch(u, { password: pw }, t.passwordReset);
                  }}>{t.resetPassword}</button>
                  <button type="button" class={u.disabled ? 'btn-plain' : 'btn-danger'} onClick={() => void patch(u, { disabled: !u.disabled }, u.disabled ? t.enabledNotice : t.disabledNotice)}>
                    {u.disabled ? t.enable : t.disable}
                  </button>
                </div></td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </>
  );
}
