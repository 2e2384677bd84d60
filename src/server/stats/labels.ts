/** How windows, staff and reasons are named on the dashboard: in Chinese, and in English where the config has it. */
import type { ConfigIndex } from '../config/load';
import type { Site } from '../../shared/config';

type Both = { zh: string; en: string };

// A config text left without English is shown in Chinese in both languages.
const both = (t: Both): Both => ({ zh: t.zh, en: t.en.trim() || t.zh });

/** "03 社保医保" / "03 Social & Medical Insurance"; an unknown id as it is. */
export function windowNames(config: ConfigIndex, id: string): Both {
  const w = config.windows.get(id);
  if (!w) return { zh: id, en: id };
  const name = both(w.name);
  return { zh: `${w.number} ${name.zh}`, en: `${w.number} ${name.en}` };
}

export function windowLabel(config: ConfigIndex, id: string): string {
  return windowNames(config, id).zh;
}

/** "王丽（1001）" / "王丽 (1001)": a person's name has no English; the empty id is a rating made while nobody was signed in. */
export function staffNames(config: ConfigIndex, id: string): Both {
  if (id === '') return { zh: '（未登记）', en: '(not signed in)' };
  const s = config.staff.get(id);
  return s ? { zh: `${s.name}（${s.staffNumber}）`, en: `${s.name} (${s.staffNumber})` } : { zh: id, en: id };
}

export function staffLabel(config: ConfigIndex, id: string): string {
  return staffNames(config, id).zh;
}

export function reasonLabel(site: Site, code: string): Both {
  const r = site.reasons.find((x) => x.code === code);
  return r ? both(r) : { zh: code, en: code };
}
