import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { api, type Me } from '../common/api';
import { Login } from '../common/Login';
import { Admin } from './Admin';
import '../common/staff.css';
import './admin.css';

function App() {
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  useEffect(() => { void api.me().then(setMe); }, []);
  if (me === undefined) return null;
  if (me === null) return <Login title="系统管理 · Administration" onSignedIn={setMe} />;
  // Supervisors get the export tab for their sites; staff have nothing here.
  if (me.user.role === 'staff') return <main class="page"><p>需要管理员权限 · Admin role required. <a href="/dashboard">满意度统计</a></p></main>;
  return <Admin me={me} onSignOut={() => void api.logout().then(() => setMe(null))} />;
}

render(<App />, document.getElementById('app')!);
