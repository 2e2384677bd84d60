import { render } from 'preact';
import { StaffApp } from '../common/StaffApp';
import { staffText } from '../i18n/staff';
import { Dashboard } from './Dashboard';
import '../common/staff.css';
import './dashboard.css';

render(
  <StaffApp title={(lang) => staffText(lang).dashboardTitle}>{(me, signOut) => <Dashboard me={me} onSignOut={signOut} />}</StaffApp>,
  document.getElementById('app')!,
);
