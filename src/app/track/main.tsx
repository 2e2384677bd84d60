import { render } from 'preact';
import { Progress } from './Progress';
import './track.css';

// The language the link asks for (the phone survey's), else the phone's own.
const asked = new URLSearchParams(location.search).get('lang');
const lang = asked === 'zh-CN' || asked === 'en' ? asked : navigator.language.toLowerCase().startsWith('zh') || !navigator.language ? 'zh-CN' : 'en';
render(<Progress lang={lang} initialCode={decodeURIComponent(location.hash.slice(1))} />, document.getElementById('app')!);
