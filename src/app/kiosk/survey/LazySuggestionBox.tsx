import { lazy } from '../lazy';
import type { SuggestionBoxProps } from './SuggestionBox';

/** The suggestion box, loaded when a citizen first opens it. */
export const { Lazy: SuggestionBox, preload: preloadSuggestionBox } = lazy<SuggestionBoxProps>(() => import('./SuggestionBox').then((m) => m.SuggestionBox), (p, failed) => {
  if (failed) p.onCancel(); // back to the faces rather than an empty screen
  return null;
});
