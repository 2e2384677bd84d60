/** Strings of the follow-up: the citizen's tracking code and progress page, and the dashboard's case screens. */
import type { Lang } from './dict';

const zh = {
  trackTitle: '办理进度查询',
  trackCode: '查询码',
  trackHint: '扫码或凭查询码在手机上查看处理进度',
  trackHintPhone: '请保存查询码，随时可查看处理进度',
  trackLookup: '查询',
  trackEnter: '请输入查询码',
  trackUnknown: '未找到该查询码，请核对后再试。',
  trackMalformed: '查询码为 16 位字母和数字（如 4287-QX9E-1A25-A7MN），请核对后再试。',
  trackLimited: '查询过于频繁，请稍后再试。',
  trackOffline: '网络连接中断，请稍后再试。',
  trackNumber: '案件编号',
  trackHall: '办理大厅',
  trackWindow: '窗口',
  trackOpened: '受理时间',
  trackDue: '承诺办结时限',
  trackAnswer: '处理结果反馈',
  trackSteps: '办理进度',
  trackNoAnswer: '正在处理中，处理结果将在此公布。',
  state_new: '已受理',
  state_assigned: '已分派',
  state_verified: '已核实',
  state_called_back: '已回访',
  state_rectified: '已整改',
  state_answered: '已反馈',
  state_closed: '已办结',
  state_withdrawn: '已撤回（您已改评）',
} as const;

export type FollowUpDict = { readonly [K in keyof typeof zh]: string };

const en: FollowUpDict = {
  trackTitle: 'Case progress',
  trackCode: 'Tracking code',
  trackHint: 'Scan, or keep the code, to follow the case on your phone',
  trackHintPhone: 'Keep the code to follow the case at any time',
  trackLookup: 'Look up',
  trackEnter: 'Enter your tracking code',
  trackUnknown: 'No case has this code. Please check it and try again.',
  trackMalformed: 'A tracking code is 16 letters and digits (like 4287-QX9E-1A25-A7MN). Please check it and try again.',
  trackLimited: 'Too many lookups. Please try again later.',
  trackOffline: 'The connection dropped. Please try again later.',
  trackNumber: 'Case number',
  trackHall: 'Service hall',
  trackWindow: 'Window',
  trackOpened: 'Received',
  trackDue: 'Due by',
  trackAnswer: 'Our answer',
  trackSteps: 'Progress',
  trackNoAnswer: 'We are working on it; the answer will appear here.',
  state_new: 'Received',
  state_assigned: 'Assigned',
  state_verified: 'Verified',
  state_called_back: 'Called back',
  state_rectified: 'Rectified',
  state_answered: 'Answered',
  state_closed: 'Closed',
  state_withdrawn: 'Withdrawn (you changed your rating)',
};

const DICTS: Record<Lang, FollowUpDict> = { 'zh-CN': zh, en };

export function followUpDict(lang: Lang): FollowUpDict {
  return DICTS[lang];
}
