import { render } from 'preact';
import { StaffApp } from '../common/StaffApp';
import { staffText } from '../i18n/staff';
import { useTexts } from '../i18n/lang';
import { Admin } from './Admin';
import '../common/staff.css';
import './admin.css';

/** Supervisors get the export tab for their sites; staff have nothing here. */
function StaffOnly() {
  const s = useTexts(staffText);
  return <main class="page"><p>{s.adminOnly} <a href="/dashboard">{s.dashboard}</a></p></main>;
}

render(
  <StaffApp title={(lang) => staffText(lang).admin}>
    {(me, signOut) => (me.user.role === 'staff' ? <StaffOnly /> : <Admin me={me} onSignOut={signOut} />)}
  </StaffApp>,
  document.getElementById('app')!,
);
