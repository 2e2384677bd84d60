import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { api, type Me } from '../common/api';
import { Login } from '../common/Login';
import { Posters, type PosterData } from './Posters';
import '../common/staff.css';
import './posters.css';

function App() {
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  const [posters, setPosters] = useState<PosterData[] | string | null>(null);
  useEffect(() => { void api.me().then(setMe); }, []);
  useEffect(() => {
    if (!me || me.user.role !== 'admin') return;
    void api.get<{ posters: PosterData[] }>('/api/v1/qr/posters').then((r) => setPosters(r.ok ? r.data.posters : r.message));
  }, [me]);
  if (me === undefined) return null;
  if (me === null) return <Login title="打印评价二维码 · Print rating QR codes" onSignedIn={setMe} />;
  if (me.user.role !== 'admin') return <main class="page"><p>需要管理员权限 · Admin role required.</p></main>;
  if (posters === null) return <main class="page"><p>正在加载… · Loading…</p></main>;
  if (typeof posters === 'string') return <main class="page"><p role="alert">{posters}</p></main>;
  return <Posters posters={posters} />;
}

render(<App />, document.getElementById('app')!);
