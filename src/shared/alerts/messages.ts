import { maskPhone } from '../phone';
import type { AlertKind } from './rules';

export type AlertLang = 'zh-CN' | 'en';

/** A name as the config holds it: plain, or in both languages. */
export type Named = string | { readonly zh: string; readonly en: string };
export const named = (n: Named, lang: AlertLang): string => (typeof n === 'string' ? n : lang === 'en' ? n.en : n.zh);

/** An alert as the formatter sees it. `phone` and `comment` are raw here and never leave unmasked. */
export interface AlertView {
  readonly id: string;
  readonly kind: AlertKind | 'digest' | 'monthly' | 'test';
  readonly hall: Named;
  readonly place: Named;
  readonly facts: Readonly<Record<string, string | number>>;
  readonly phone?: string | null;
  readonly comment?: string | null;
  readonly link: string;
}

/** A short, already localised message every channel renders in its own format. */
export interface AlertMessage {
  readonly title: string;
  readonly lines: readonly string[];
  readonly link: string;
  /** A full HTML body for e-mail (the digest's tables); robots use title, lines and link. */
  readonly html?: string;
  /** E-mail recipients chosen by routing (roles and people); absent: the channel's own addresses. */
  readonly to?: readonly string[];
}

type Facts = Readonly<Record<string, string | number>>;
interface Dict {
  readonly titles: Record<AlertView['kind'], string>;
  /** The message's first line, from its facts and the place (a window: its number and name) in this language. */
  readonly body: Record<AlertView['kind'], (f: Facts, place: string) => string>;
  readonly phone: string;
  readonly comment: string;
  readonly open: string;
  readonly merged: (n: number) => string;
}

/** Typed dictionaries: every string an alert shows, in both languages. */
export const ALERT_TEXT: Record<AlertLang, Dict> = {
  'zh-CN': {
    titles: {
      bad_with_phone: '差评留电话', bad_streak: '差评集中', kiosk_silent: '评价器离线', kiosk_unhealthy: '评价器异常',
      complaint: '意见箱投诉', case_due_soon: '工单即将到期', case_overdue: '工单已超期', early_warning: '满意率预警',
      case_assigned: '工单已分派',
      digest: '每日简报', monthly: '月度通报', test: '测试消息',
    },
    body: {
      bad_with_phone: (f, place) => `窗口 ${place} 收到${f.score}分差评，群众留下了联系电话，请及时回访${f.case ? `（工单 ${f.case}）` : ''}。`,
      bad_streak: (f) => `最近${f.of}条评价中有${f.bad}条差评。`,
      // the minutes since the last heartbeat, a night included: not minutes of opening hours
      kiosk_silent: (f) => `营业时间内没有心跳：距上次心跳已${f.minutes}分钟。`,
      kiosk_unhealthy: (f) => `死信${f.deadLetters}条${Number(f.storage) ? '，存储空间告急' : ''}。`,
      complaint: (f) => `意见箱收到投诉，工单 ${f.case}。`,
      case_due_soon: (f) => `工单 ${f.case} 距到期还剩 ${f.minutes} 分钟工作时间。`,
      case_overdue: (f) => `工单 ${f.case} 已超过${f.stage === 'callback' ? '回访' : '办结'}期限。`,
      case_assigned: (f) => `工单 ${f.case} 已分派给您，${f.callBackBy ? `回访期限 ${f.callBackBy}，` : ''}办结期限 ${f.due}。`,
      early_warning: (f) => `${f.label}满意率自 ${f.since} 起明显低于基线：近期 ${f.recent}，基线 ${f.baseline}。`,
      digest: (f) => String(f.summary ?? ''),
      monthly: (f) => String(f.summary ?? ''),
      test: () => '这是一条测试消息，收到即表示通道配置正确。',
    },
    phone: '电话', comment: '意见', open: '查看', merged: (n) => `${n} 条新提醒`,
  },
  en: {
    titles: {
      bad_with_phone: 'Bad review with phone', bad_streak: 'Bad reviews piling up', kiosk_silent: 'Kiosk silent',
      kiosk_unhealthy: 'Kiosk unhealthy', complaint: 'Complaint', case_due_soon: 'Case due soon', case_overdue: 'Case overdue',
      early_warning: 'Satisfaction falling', case_assigned: 'Case assigned to you',
      digest: 'Daily digest', monthly: 'Monthly report', test: 'Test message',
    },
    body: {
      bad_with_phone: (f, place) => `A ${f.score}-point review at window ${place} left a phone number; please call back${f.case ? ` (case ${f.case})` : ''}.`,
      bad_streak: (f) => `${f.bad} bad among the last ${f.of} ratings.`,
      kiosk_silent: (f) => `Silent during opening hours: last heartbeat ${f.minutes} minutes ago.`,
      kiosk_unhealthy: (f) => `${f.deadLetters} dead letters${Number(f.storage) ? ', storage nearly full' : ''}.`,
      complaint: (f) => `A complaint in the suggestion box opened case ${f.case}.`,
      case_due_soon: (f) => `Case ${f.case} is due in ${f.minutes} minutes of working time.`,
      case_overdue: (f) => `Case ${f.case} is past its ${f.stage === 'callback' ? 'call-back' : 'closing'} deadline.`,
      case_assigned: (f) => `Case ${f.case} has been assigned to you; ${f.callBackBy ? `call back by ${f.callBackBy}, ` : ''}close by ${f.due}.`,
      early_warning: (f) => `Satisfaction of ${f.labelEn ?? f.label} has fallen below its baseline since ${f.since}: recently ${f.recent}, baseline ${f.baseline}.`,
      digest: (f) => String(f.summary ?? ''),
      monthly: (f) => String(f.summary ?? ''),
      test: () => 'This is a test; if you read it, the channel works.',
    },
    phone: 'Phone', comment: 'Comment', open: 'Open', merged: (n) => `${n} new alerts`,
  },
};

/** Formats one alert for one recipient: phone masked, comment text only when the hall allows it. */
export function formatAlert(a: AlertView, lang: AlertLang, allowComment: boolean): AlertMessage {
  const d = ALERT_TEXT[lang];
  const lines = [d.body[a.kind](a.facts, named(a.place, lang))];
  if (a.phone) lines.push(`${d.phone}: ${maskPhone(a.phone)}`);
  if (allowComment && a.comment) lines.push(`${d.comment}: ${a.comment.slice(0, 200)}`);
  return { title: `【${d.titles[a.kind]}】${named(a.hall, lang)} · ${named(a.place, lang)}`, lines, link: a.link };
}

/** Several queued alerts for one channel become one message, so a robot's rate limit is never hit. */
export function mergeMessages(ms: readonly AlertMessage[], lang: AlertLang): AlertMessage {
  if (ms.length === 1) return ms[0]!;
  const lines = ms.flatMap((m) => [m.title, ...m.lines.map((l) => `  ${l}`), `  ${m.link}`]);
  // The worker batches only messages for the same recipients, so the first one's speak for all.
  const to = ms[0]!.to;
  return { title: ALERT_TEXT[lang].merged(ms.length), lines, link: ms[ms.length - 1]!.link, ...(to ? { to } : {}) };
}
