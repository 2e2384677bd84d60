import { useState } from 'preact/hooks';
import { api, type Me } from './api';
import { useTexts } from '../i18n/lang';
import { staffText } from '../i18n/staff';
import { errorText } from '../i18n/format';
import { LangToggle } from './LangToggle';

/** Username + password form; calls onSignedIn with the session. */
export function Login({ title, onSignedIn }: { title: string; onSignedIn: (me: Me) => void }) {
  const t = useTexts(staffText);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: Event) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget as HTMLFormElement);
    setBusy(true);
    const r = await api.login(String(form.get('username') ?? ''), String(form.get('password') ?? ''));
    setBusy(false);
    if (r.ok) onSignedIn(r.data);
    else setError(errorText(t, r));
  };
  return (
    <main class="login">
      <form onSubmit={submit} class="card">
        <div class="card-head"><h1>{title}</h1><LangToggle /></div>
        <label>{t.username}<input name="username" autocomplete="username" required /></label>
        <label>{t.password}<input name="password" type="password" autocomplete="current-password" required /></label>
        {error && <p class="error" role="alert">{error}</p>}
        <button type="submit" disabled={busy}>{t.signIn}</button>
      </form>
    </main>
  );
}
