import { render } from 'preact';
import { Setup } from './Setup';
import './setup.css';

/** /setup: how a tablet trusts the hall's local CA, for Android and iPad; needs no sign-in. */
render(<Setup />, document.getElementById('app')!);
