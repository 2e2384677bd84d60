import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { api, type Me } from '../common/api';
import { Login } from '../common/Login';
import { Dashboard } from './Dashboard';
import '../common/staff.css';
import './dashboard.css';

function App() {
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  useEffect(() => { void api.me().then(setMe); }, []);
  if (me === undefined) return null;
  if (me === null) return <Login title="满意度统计 · Satisfaction dashboard" onSignedIn={setMe} />;
  return <Dashboard me={me} onSignOut={() => void api.logout().then(() => setMe(null))} />;
}

render(<App />, document.getElementById('app')!);
