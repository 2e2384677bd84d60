/** Strings of the kiosk's staff corner, kept apart so citizens' screens do not load them. */
import type { Lang } from './dict';

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
  tokenRefused: '服务端拒绝了本机的登记凭证，请联系管理员重新登记本机。',
  pairAgain: '输入配对码重新登记',
} as const;

export type StaffCornerDict = { readonly [K in keyof typeof zh]: string };

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
  tokenRefused: 'The endpoint refused this kiosk\'s token: ask the administrator to enrol it again.',
  pairAgain: 'Enter a pairing code to enrol again',
};

/** The staff corner's dictionary of a language. */
export function staffDict(lang: Lang): StaffCornerDict {
  return lang === 'en' ? en : zh;
}
