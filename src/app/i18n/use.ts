import { zh, type Dict, type Lang } from './dict';
import { en } from './dict-en';
import { addCitizenDict } from './citizen';

export { pick, fill, otherLang } from './text';

const DICTS: Record<Lang, Dict> = { 'zh-CN': zh, en };
// The citizen screens this page shows (the phone survey, a tracking code) then have English without loading it.
addCitizenDict('en', en);

/** The dictionary of a language. */
export function dict(lang: Lang): Dict {
  return DICTS[lang];
}
