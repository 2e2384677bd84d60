/** The insights rules of one site, read from its kiosk-config. */
import type { KioskConfig, Site } from '../config';
import type { StaffRef } from './categories';
import { DEFAULT_STOP_WORDS } from './defaults';

/** The site's staff as the personal-mention rule sees them, with their configured aliases. */
export function staffRefs(config: KioskConfig, site: Site): StaffRef[] {
  return config.staff.filter((s) => s.siteId === site.id)
    .map((s) => ({ id: s.id, name: s.name, staffNumber: s.staffNumber, aliases: site.insights.staffAliases[s.id] ?? [] }));
}

/** Shipped stop words plus the site's own. */
export function stopWords(site: Site): Set<string> {
  return new Set([...DEFAULT_STOP_WORDS, ...site.insights.stopWords].map((w) => w.toLowerCase()));
}
