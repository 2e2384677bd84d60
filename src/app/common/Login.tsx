import { useState } from 'preact/hooks';
import { api, type Me } from './api';
import { dict } from '../i18n/use';

/** Username + password form; calls onSignedIn with the session. */
export function Login({ title, onSignedIn }: { title: string; onSignedIn: (me: Me) => void }) {
  const t = dict('zh-CN');
  const en = dict('en');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: Event) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget as HTMLFormElement);
    setBusy(true);
    const r = await api.login(String(form.get('username') ?? ''), String(form.get('password') ?? ''));
    setBusy(false);
    if (r.ok) onSignedIn(r.data);
    else setError(r.status === 401 ? `${t.badLogin} · ${en.badLogin}` : r.message);
  };
  return (
    <main class="login">
      <form onSubmit={submit} class="card">
        <h1>{title}</h1>
        <label>{t.username} <span class="en-inline">{en.username}</span><input name="username" autocomplete="username" required /></label>
        <label>{t.password} <span class="en-inline">{en.password}</span><input name="password" type="password" autocomplete="current-password" required /></label>
        {error && <p class="error" role="alert">{error}</p>}
        <button type="submit" disabled={busy}>{t.signIn} · {en.signIn}</button>
      </form>
    </main>
  );
}
