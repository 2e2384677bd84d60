import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { api } from '../common/api';
import { StaffApp } from '../common/StaffApp';
import { PosterListSchema, type Poster } from '../../shared/api';
import { useTexts } from '../i18n/lang';
import { staffText } from '../i18n/staff';
import { dict } from '../i18n/use';
import { errorText } from '../i18n/format';
import { Posters } from './Posters';
import '../common/staff.css';
import './posters.css';

/** The posters of every window, for an admin. */
function PosterPages() {
  const s = useTexts(staffText);
  const [posters, setPosters] = useState<Poster[] | string | null>(null);
  useEffect(() => { void api.get('/api/v1/qr/posters', PosterListSchema).then((r) => setPosters(r.ok ? r.data.posters : errorText(s, r))); }, []);
  if (posters === null) return <main class="page"><p>{s.loading}</p></main>;
  if (typeof posters === 'string') return <main class="page"><p role="alert">{posters}</p></main>;
  return <Posters posters={posters} />;
}

function AdminOnly() {
  return <main class="page"><p>{useTexts(staffText).adminOnly}</p></main>;
}

render(
  <StaffApp title={(lang) => dict(lang).postersTitle}>{(me) => (me.user.role === 'admin' ? <PosterPages /> : <AdminOnly />)}</StaffApp>,
  document.getElementById('app')!,
);
