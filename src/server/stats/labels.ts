/** How windows, staff and reasons are named on the dashboard. */
import type { ConfigIndex } from '../config/load';
import type { Site } from '../../shared/config';

export function windowLabel(config: ConfigIndex, id: string): string {
  const w = config.windows.get(id);
  return w ? `${w.number} ${w.name.zh}` : id;
}

export function staffLabel(config: ConfigIndex, id: string): string {
  if (id === '') return '（未登记）';
  const s = config.staff.get(id);
  return s ? `${s.name}（${s.staffNumber}）` : id;
}

export function reasonLabel(site: Site, code: string): { zh: string; en: string } {
  const r = site.reasons.find((x) => x.code === code);
  return r ? { zh: r.zh, en: r.en } : { zh: code, en: code };
}
