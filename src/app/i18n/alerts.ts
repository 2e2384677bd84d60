/** Strings of the alert bell on the dashboard. */
import type { Lang } from './dict';

const zh = {
  bell: '提醒',
  unread: '{n} 条未处理提醒',
  none: '暂无提醒',
  ack: '确认处理',
  ackComment: '处理说明',
  ackSave: '提交',
  acked: '{who} 于 {when} 已确认',
  closed: '已自动关闭',
  open: '查看',
  kind_bad_with_phone: '差评留电话',
  kind_bad_streak: '差评集中',
  kind_kiosk_silent: '评价器离线',
  kind_kiosk_unhealthy: '评价器异常',
  body_bad_with_phone: '收到{score}分差评，群众留下了联系电话，请及时回访。',
  body_bad_streak: '最近{of}条评价中有{bad}条差评。',
  body_kiosk_silent: '营业时间内已{minutes}分钟没有心跳。',
  body_kiosk_unhealthy: '死信{deadLetters}条。',
} as const;

export type AlertsDict = { readonly [K in keyof typeof zh]: string };

const en: AlertsDict = {
  bell: 'Alerts',
  unread: '{n} unhandled alerts',
  none: 'No alerts',
  ack: 'Acknowledge',
  ackComment: 'What was done',
  ackSave: 'Submit',
  acked: 'Acknowledged by {who} at {when}',
  closed: 'Closed by itself',
  open: 'Open',
  kind_bad_with_phone: 'Bad review with phone',
  kind_bad_streak: 'Bad reviews piling up',
  kind_kiosk_silent: 'Kiosk silent',
  kind_kiosk_unhealthy: 'Kiosk unhealthy',
  body_bad_with_phone: 'A {score}-point review left a phone number; please call back.',
  body_bad_streak: '{bad} bad among the last {of} ratings.',
  body_kiosk_silent: 'No heartbeat for {minutes} minutes during opening hours.',
  body_kiosk_unhealthy: '{deadLetters} dead letters.',
};

export const ALERTS_DICTS: Record<Lang, AlertsDict> = { 'zh-CN': zh, en };
