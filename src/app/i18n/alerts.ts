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
  kind_complaint: '意见箱投诉',
  kind_case_due_soon: '工单即将到期',
  kind_case_overdue: '工单已超期',
  body_complaint: '意见箱收到投诉，工单 {case}。',
  body_case_due_soon: '工单 {case} 将在 {minutes} 分钟后到期。',
  body_case_overdue: '工单 {case} 已超期。',
  channels: '提醒通道与接收人',
  channelId: '编号',
  channelName: '名称',
  channelKind: '类型',
  channelUrl: 'Webhook 地址',
  channelSecret: '签名密钥（留空则不变）',
  channelRecipients: '收件人（邮件，逗号分隔）',
  channelLang: '语言',
  channelSave: '保存通道',
  channelTest: '发送测试',
  channelAnswer: '接收方回复：{answer}',
  hasSecret: '已设密钥',
  deliveries: '投递记录',
  deadLetters: '死信',
  status: '状态',
  attempts: '尝试次数',
  lastError: '最后错误',
  resend: '重新发送',
  noneYet: '暂无',
  queued: '入队时间',
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
  kind_complaint: 'Complaint',
  kind_case_due_soon: 'Case due soon',
  kind_case_overdue: 'Case overdue',
  body_complaint: 'A complaint in the suggestion box opened case {case}.',
  body_case_due_soon: 'Case {case} is due in {minutes} minutes.',
  body_case_overdue: 'Case {case} is overdue.',
  channels: 'Alert channels and recipients',
  channelId: 'Id',
  channelName: 'Name',
  channelKind: 'Kind',
  channelUrl: 'Webhook URL',
  channelSecret: 'Signing secret (blank keeps it)',
  channelRecipients: 'Recipients (e-mail, comma-separated)',
  channelLang: 'Language',
  channelSave: 'Save channel',
  channelTest: 'Send a test',
  channelAnswer: 'Receiver answered: {answer}',
  hasSecret: 'secret set',
  deliveries: 'Delivery log',
  deadLetters: 'Dead letters',
  status: 'Status',
  attempts: 'Attempts',
  lastError: 'Last error',
  resend: 'Resend',
  noneYet: 'None yet',
  queued: 'Queued',
};

export const ALERTS_DICTS: Record<Lang, AlertsDict> = { 'zh-CN': zh, en };

/** Channel kinds as the halls know them; each robot's Chinese and English product name together. */
export const CHANNEL_KINDS = [['wecom', '企业微信 WeCom'], ['dingtalk', '钉钉 DingTalk'], ['feishu', '飞书 Feishu'], ['webhook', 'Webhook (JSON)'], ['email', '邮件 E-mail']] as const;

/** A language named in itself, for language pickers. */
export const LANGUAGE_NAMES = { 'zh-CN': '中文', en: 'English' } as const;

/** Shown when the endpoint cannot be reached at all. */
export const CANNOT_REACH = '无法连接服务器 · Cannot reach the server';
