import { useEffect, useState } from 'preact/hooks';
import { send, when, type WindowList } from './http';

type Role = 'admin' | 'supervisor' | 'staff';
interface UserRow { id: number; username: string; role: Role; sites: string[]; staffId: string | null; disabled: boolean; createdAt: number }

const ROLE_LABEL: Record<Role, string> = { admin: '管理员 Admin', supervisor: '主管 Supervisor', staff: '窗口人员 Staff' };

/** Users and roles: add, change role and sites, reset a password, disable. */
export function Users({ csrf, windows, self }: { csrf: string; windows: WindowList | null; self: string }) {
  const [users, setUsers] = useState<UserRow[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const sites = windows?.sites ?? [];
  const load = async () => {
    const r = await send<{ users: UserRow[] }>(csrf, 'GET', '/api/v1/admin/users');
    if (r.ok) setUsers(r.data.users); else setError(r.message);
  };
  useEffect(() => { void load(); }, []);

  const patch = async (u: UserRow, body: Partial<UserRow> & { password?: string }, done: string) => {
    const r = await send(csrf, 'PATCH', `/api/v1/admin/users/${u.id}`, body);
    if (r.ok) { setError(null); setNotice(done); void load(); } else setError(r.message);
  };
  const add = async (e: Event) => {
    e.preventDefault();
    const form = e.currentTarget as HTMLFormElement;
    const f = new FormData(form);
    const body = {
      username: String(f.get('username') ?? ''), password: String(f.get('password') ?? ''), role: String(f.get('role')) as Role,
      sites: f.getAll('sites').map(String), staffId: String(f.get('staffId') ?? '') || null,
    };
    const r = await send(csrf, 'POST', '/api/v1/admin/users', body);
    if (r.ok) { form.reset(); setError(null); setNotice(`已添加 ${body.username} · Added ${body.username}`); void load(); } else setError(r.message);
  };

  return (
    <>
      <section class="card">
        <h2>添加用户 · Add a user</h2>
        <form class="filters" onSubmit={(e) => void add(e)}>
          <label>用户名 Username<input name="username" required pattern="[A-Za-z0-9._\-]{2,64}" autocomplete="off" /></label>
          <label>初始密码 Password<input name="password" type="password" required minLength={10} autocomplete="new-password" /></label>
          <label>角色 Role
            <select name="role">{(['supervisor', 'staff', 'admin'] as Role[]).map((r) => <option key={r} value={r}>{ROLE_LABEL[r]}</option>)}</select>
          </label>
          <fieldset class="sites"><legend>大厅 Sites</legend>
            {sites.map((s) => <label key={s.id} class="check"><input type="checkbox" name="sites" value={s.id} defaultChecked={sites.length === 1} />{s.name.zh}</label>)}
          </fieldset>
          <label>工号关联 Staff id<input name="staffId" placeholder="s1001" size={8} /></label>
          <button type="submit" class="btn">添加 · Add</button>
        </form>
        <p class="muted">主管可查看所分配大厅的统计、留言并导出（手机号脱敏）；窗口人员只看本人结果。 Supervisors see and export their sites (phones masked); staff see their own results.</p>
        {error && <p class="error" role="alert">{error}</p>}
        {notice && !error && <p class="ok" role="status">{notice}</p>}
      </section>
      <section class="card">
        <h2>用户与角色 · Users and roles</h2>
        <table>
          <thead><tr><th>用户名 Username</th><th>角色 Role</th><th>大厅 Sites</th><th>工号 Staff</th><th>创建 Created</th><th>状态 State</th><th>操作 Actions</th></tr></thead>
          <tbody>
            {users?.map((u) => (
              <tr key={u.id} class={u.disabled ? 'disabled' : ''}>
                <td>{u.username}{u.username === self && <span class="muted small"> (您 you)</span>}</td>
                <td>
                  <select aria-label={`角色 Role of ${u.username}`} value={u.role} onChange={(e) => void patch(u, { role: (e.target as HTMLSelectElement).value as Role }, `${u.username}: 角色已更改 · role changed`)}>
                    {(['admin', 'supervisor', 'staff'] as Role[]).map((r) => <option key={r} value={r}>{ROLE_LABEL[r]}</option>)}
                  </select>
                </td>
                <td>{u.role === 'admin' ? <span class="muted">全部 All</span> : u.sites.join(', ') || '—'}</td>
                <td>{u.staffId ?? '—'}</td>
                <td>{when(u.createdAt)}</td>
                <td>{u.disabled ? <span class="pill pill-revoked">已停用 Disabled</span> : <span class="pill pill-ok">正常 Active</span>}</td>
                <td><div class="actions">
                  <button type="button" class="btn-plain" onClick={() => {
                    const pw = prompt(`为 ${u.username} 设置新密码（至少 10 位）· New password for ${u.username} (10+ characters)`);
                    if (pw) void patch(u, { password: pw }, `${u.username}: 密码已重置 · password reset`);
                  }}>重置密码 Reset password</button>
                  <button type="button" class={u.disabled ? 'btn-plain' : 'btn-danger'} onClick={() => void patch(u, { disabled: !u.disabled }, `${u.username}: ${u.disabled ? '已启用 · enabled' : '已停用 · disabled'}`)}>
                    {u.disabled ? '启用 Enable' : '停用 Disable'}
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
