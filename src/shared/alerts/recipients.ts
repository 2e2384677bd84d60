/**
 * Who an alert is for, and which channels and addresses reach them. A rule routes to roles (the hall's supervisors,
 * admins, the case's assignee) and people; a channel says whom it serves. Pure functions, no store.
 */
import type { AlertKind } from './rules';

/** A role an alert can be routed to. `assignee` is the person the alert's case is assigned to. */
export type RouteRole = 'supervisor' | 'admin' | 'assignee';
/** A route target: a role, or one person as `@username`. */
export type Audience = RouteRole | `@${string}`;
export type ReportKind = 'digest' | 'monthly';

/** Default routes (kiosk-config `alerts.routes` replaces a kind's list). */
export const DEFAULT_ROUTES: Readonly<Record<AlertKind | ReportKind, readonly Audience[]>> = {
  bad_with_phone: ['supervisor', 'assignee'],
  bad_streak: ['supervisor'],
  complaint: ['supervisor', 'assignee'],
  case_due_soon: ['assignee', 'supervisor'],
  case_overdue: ['assignee', 'supervisor'],
  case_assigned: ['assignee'],
  early_warning: ['supervisor'],
  kiosk_silent: ['admin'],
  kiosk_unhealthy: ['admin'],
  digest: ['supervisor', 'admin'],
  monthly: ['supervisor', 'admin'],
};

/** A person as routing sees them. */
export interface Person { readonly username: string; readonly role: 'admin' | 'supervisor' | 'staff'; readonly sites: readonly string[]; readonly disabled: boolean }

/**
 * The audience of one alert: the route's roles, and every person they name — the hall's supervisors, the admins,
 * the case's assignee, people named in the route. A disabled account is nobody's recipient.
 */
export function resolveAudience(route: readonly Audience[], people: readonly Person[], siteId: string, assignee: string | null): Set<Audience> {
  const out = new Set<Audience>();
  const active = people.filter((p) => !p.disabled);
  for (const a of route) {
    if (a.startsWith('@')) {
      if (active.some((p) => `@${p.username}` === a)) out.add(a);
      continue;
    }
    out.add(a);
    if (a === 'supervisor') for (const p of active) if (p.role === 'supervisor' && p.sites.includes(siteId)) out.add(`@${p.username}`);
    if (a === 'admin') for (const p of active) if (p.role === 'admin') out.add(`@${p.username}`);
    if (a === 'assignee' && assignee && active.some((p) => p.username === assignee)) out.add(`@${assignee}`);
  }
  return out;
}

/** One entry of a channel's recipients: whom it serves, and for e-mail the address that reaches them. */
export interface RecipientEntry { readonly audience: Audience | '*'; readonly address: string | null }

const AUDIENCE = /^(supervisor|admin|assignee|@[\w.-]{1,40})$/;
const ADDRESS = /^[^\s@:]+@[^\s@:]+$/;

/**
 * Reads a channel's recipients, separated by commas, semicolons or line breaks: `chief@hall.cn` (an address that
 * gets everything the channel takes), `supervisor` / `admin` / `assignee` / `@username` (whom a robot's group serves),
 * `supervisor:office@hall.cn` or `@li:li@hall.cn` (an address for that role or person). Errors name the bad entry.
 */
export function parseRecipients(text: string | null): { ok: true; entries: RecipientEntry[] } | { ok: false; entry: string } {
  const entries: RecipientEntry[] = [];
  for (const raw of (text ?? '').split(/[,;\n]+/).map((s) => s.trim()).filter(Boolean)) {
    if (ADDRESS.test(raw)) { entries.push({ audience: '*', address: raw }); continue; }
    const at = raw.indexOf(':');
    const who = at < 0 ? raw : raw.slice(0, at);
    const address = at < 0 ? null : raw.slice(at + 1).trim();
    if (!AUDIENCE.test(who) || (address !== null && !ADDRESS.test(address))) return { ok: false, entry: raw };
    entries.push({ audience: who as Audience, address });
  }
  return { ok: true, entries };
}

/** What one channel does with an alert for `audience`: skip it, or send it (e-mail: to these addresses). */
export type Delivery = { kind: 'skip' } | { kind: 'send'; to: string[] | null };

/**
 * A robot or webhook is a group: it takes the alert when it serves no one in particular or someone in the audience.
 * E-mail goes to the plain addresses and to those of matching roles and people; with none, it is skipped.
 */
export function deliveryFor(channel: { kind: string; recipients: string | null }, audience: ReadonlySet<Audience>): Delivery {
  const parsed = parseRecipients(channel.recipients);
  const entries = parsed.ok ? parsed.entries : [];
  const matches = (e: RecipientEntry) => e.audience === '*' || audience.has(e.audience);
  if (channel.kind !== 'email') {
    const targeted = entries.filter((e) => e.audience !== '*');
    return targeted.length === 0 || targeted.some(matches) ? { kind: 'send', to: null } : { kind: 'skip' };
  }
  const to = [...new Set(entries.filter((e) => e.address !== null && matches(e)).map((e) => e.address!))];
  return to.length ? { kind: 'send', to } : { kind: 'skip' };
}
