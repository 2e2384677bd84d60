import { render } from 'preact';
import { Display } from './Display';
import { displayToken } from './token';
import './display.css';

const siteId = decodeURIComponent(location.pathname.split('/')[2] ?? '');
render(<Display siteId={siteId} token={siteId ? displayToken(siteId) : null} />, document.getElementById('app')!);
