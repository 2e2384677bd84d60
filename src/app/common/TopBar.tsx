import type { ComponentChildren } from 'preact';
import type { Me } from './api';
import { useTexts } from '../i18n/lang';
import { staffText } from '../i18n/staff';
import { LangToggle } from './LangToggle';

/** The staff pages' top bar: title, who is signed in, links, the language toggle and sign-out. */
export function TopBar({ title, me, onSignOut, children }: { title: string; me: Me; onSignOut: () => void; children?: ComponentChildren }) {
  const t = useTexts(staffText);
  return (
    <header class="topbar">
      <h1>{title}</h1>
      <span>{me.user.username}</span>
      {children}
      <LangToggle />
      <button type="button" onClick={onSignOut}>{t.signOut}</button>
    </header>
  );
}
