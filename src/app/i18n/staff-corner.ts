/** Strings of the kiosk's staff corner, kept apart so citizens' screens do not load them. */
import type { Lang } from './dict';
import type { RejectionCode } from '../../shared/wire';
import { fill } from './text';

const zh = {
  signOut: '退出登录',
  ratings: '评价数',
  staffNo: '工号',
  staffCorner: '工作人员',
  staffNumber: '工号',
  pin: 'PIN 码',
  takeWindow: '登录接管窗口',
  wrongPin: '工号或 PIN 码不正确',
  pinLocked: '错误次数过多，请于 {time} 后再试',
  backgroundError: '后台任务失败',
  signedInAs: '当前在岗',
  nobodySignedIn: '无人登录',
  pendingSync: '待同步',
  deadLetterCount: '被拒记录',
  lastSync: '上次同步',
  never: '从未',
  storageUse: '存储占用',
  appVersion: '版本',
  syncNow: '立即同步',
  syncing: '正在同步…',
  todayOnKiosk: '今日本机评价',
  suspect: '可疑',
  backToKiosk: '返回评价界面',
  deadLetters: '被拒记录明细',
  storageNearlyFull: '本机存储将满，请立即同步并联系管理员。',
  tokenRefused: '本机已解除配对，请向管理员要一个配对码，重新配对。评价仍保存在本机，配对后自动上传。',
  pairAgain: '重新配对',
  typeResponse: '评价',
  typeSuggestion: '意见',
  refusedField: '（{field}）',
  fieldItem: '第 {n} 个{field}',
  refused_invalid: '内容不合规',
  refused_conflict_device: '编号属于另一台设备',
  refused_conflict_payload: '同一编号、同一步骤的内容不一致',
  refused_unknown_window: '窗口不存在（配置已变更）',
  refused_unknown_site: '大厅不存在（配置已变更）',
  refused_wrong_site: '窗口属于另一个大厅',
  refused_wrong_window: '不是本机登记的窗口',
  refused_unknown_staff: '工作人员不存在（配置已变更）',
  refused_unknown_reason: '差评原因不在本厅配置中',
  refused_channel_not_qr: '仅限扫码评价',
  refused_token_missing: '缺少二维码凭证',
  refused_token_invalid: '二维码凭证无效',
  refused_token_wrong_window: '二维码属于另一个窗口',
  refused_token_expired: '二维码已过期',
  refused_follow_up_mismatch: '回访评价与工单不符',
  refused_duplicate_case: '该工单已评价过',
  refused_case_not_rectified: '工单尚未整改，不能回访评价',
  refused_follow_up_needs_case_token: '回访评价须扫工单二维码',
  refused_rating_change_too_late: '评价提交已超过 30 分钟，不能再改选',
} as const;

export type StaffCornerDict = { readonly [K in keyof typeof zh]: string };
/** Every refusal the endpoint may give has its words here (a new code fails to compile until it has). */
const everyRefusalSaid: Exclude<`refused_${RejectionCode}`, keyof typeof zh> extends never ? true : never = true;
void everyRefusalSaid;

const en: StaffCornerDict = {
  signOut: 'Sign out',
  ratings: 'Ratings',
  staffNo: 'Staff No.',
  staffCorner: 'Staff',
  staffNumber: 'Staff No.',
  pin: 'PIN',
  takeWindow: 'Sign in and take the window',
  wrongPin: 'Wrong staff number or PIN',
  pinLocked: 'Too many wrong PINs: try again after {time}',
  backgroundError: 'Background task failed',
  signedInAs: 'Signed in',
  nobodySignedIn: 'Nobody signed in',
  pendingSync: 'Waiting to sync',
  deadLetterCount: 'Refused records',
  lastSync: 'Last sync',
  never: 'Never',
  storageUse: 'Storage used',
  appVersion: 'Version',
  syncNow: 'Sync now',
  syncing: 'Syncing…',
  todayOnKiosk: 'Today on this kiosk',
  suspect: 'Suspect',
  backToKiosk: 'Back to the survey',
  deadLetters: 'Refused records',
  storageNearlyFull: 'Storage on this kiosk is nearly full: sync now and tell the administrator.',
  tokenRefused: 'This kiosk is no longer paired: ask the administrator for a pairing code and pair it again. Ratings stay saved on it and are sent once it is paired.',
  pairAgain: 'Pair again',
  typeResponse: 'Rating',
  typeSuggestion: 'Suggestion',
  refusedField: ' ({field})',
  fieldItem: '{field} {n}',
  refused_invalid: 'Invalid content',
  refused_conflict_device: 'The id belongs to another device',
  refused_conflict_payload: 'Same id and step with different content',
  refused_unknown_window: 'Unknown window (the configuration changed)',
  refused_unknown_site: 'Unknown hall (the configuration changed)',
  refused_wrong_site: 'The window belongs to another hall',
  refused_wrong_window: 'Not the window this kiosk is enrolled for',
  refused_unknown_staff: 'Unknown staff member (the configuration changed)',
  refused_unknown_reason: 'A reason not in this hall\'s list',
  refused_channel_not_qr: 'For QR ratings only',
  refused_token_missing: 'No QR token',
  refused_token_invalid: 'Invalid QR token',
  refused_token_wrong_window: 'The QR code is another window\'s',
  refused_token_expired: 'The QR code has expired',
  refused_follow_up_mismatch: 'The follow-up rating does not match its case',
  refused_duplicate_case: 'The case was rated already',
  refused_case_not_rectified: 'The case is not rectified yet',
  refused_follow_up_needs_case_token: 'A follow-up rating needs the case\'s QR code',
  refused_rating_change_too_late: 'The rating was sent over 30 minutes ago and can no longer be changed',
};

/** The staff corner's dictionary of a language. */
export function staffDict(lang: Lang): StaffCornerDict {
  return lang === 'en' ? en : zh;
}

/**
 * Why the endpoint refused a record, in the dictionary's language (the kiosk's staff corner, the admin's fleet page);
 * the endpoint's own words for a refusal kept without its code, or with a code this version has no words for.
 */
export function refusalWords(t: StaffCornerDict, d: { code?: string | null; field?: string | null; reason: string }): string {
  const said = d.code ? (t as Record<string, string | undefined>)[`refused_${d.code}`] : undefined;
  if (said === undefined) return d.reason;
  return d.field ? said + fill(t.refusedField, { field: fieldName(t, d.field) }) : said;
}

/** The record fields the endpoint names in a refusal (src/shared/wire.ts), as staff know them. */
const FIELDS_ZH: Record<string, string | undefined> = {
  windowId: '窗口', staffId: '工作人员', score: '评分', reasons: '原因', comment: '留言', phone: '手机号', deviceTime: '设备时间',
  token: '二维码', text: '意见内容', contact: '联系方式', category: '意见类别', followUp: '二次评价', id: '记录编号', channel: '渠道',
};
const FIELDS_EN: Record<string, string | undefined> = {
  windowId: 'window', staffId: 'staff member', score: 'score', reasons: 'reason', comment: 'comment', phone: 'phone number', deviceTime: 'device time',
  token: 'QR code', text: 'suggestion text', contact: 'contact', category: 'suggestion category', followUp: 'follow-up rating', id: 'record id', channel: 'channel',
};

/** A record's field as staff know it (reasons.0 is the first reason); a field this version has no name for, as sent. */
function fieldName(t: StaffCornerDict, field: string): string {
  const [head, index] = field.split('.');
  const name = (t === en ? FIELDS_EN : FIELDS_ZH)[head ?? ''];
  if (name === undefined) return field;
  return index !== undefined && /^\d+$/.test(index) ? fill(t.fieldItem, { field: name, n: Number(index) + 1 }) : name;
}
