import { render } from 'preact';
import { Progress } from './Progress';
import './track.css';

const lang = navigator.language.toLowerCase().startsWith('zh') || !navigator.language ? 'zh-CN' : 'en';
render(<Progress lang={lang} initialCode={decodeURIComponent(location.hash.slice(1))} />, document.getElementById('app')!);
