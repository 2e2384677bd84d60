import { DICTS, type Dict, type Lang } from './dict';

/** The dictionary of a language. */
export function dict(lang: Lang): Dict {
  return DICTS[lang];
}
