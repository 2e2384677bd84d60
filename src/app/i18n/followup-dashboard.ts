/** Dashboard wording of the follow-up (Chinese first, English beside it). */
import type { CaseAction, CaseState } from '../../shared/cases/machine';
import type { DueState } from '../../shared/cases/calendar';
import type { Lang } from './dict';
import { errorText, type Failure } from './format';
import { staffText } from './staff';
import { fill } from './text';

type Bi = { zh: string; en: string };

export const CASE_STATE_TEXT: Record<CaseState, Bi> = {
  new: { zh: '待分派', en: 'New' },
  assigned: { zh: '已分派', en: 'Assigned' },
  verified: { zh: '已核实', en: 'Verified' },
  called_back: { zh: '已回访', en: 'Called back' },
  rectified: { zh: '已整改', en: 'Rectified' },
  answered: { zh: '已反馈', en: 'Answered' },
  closed: { zh: '已办结', en: 'Closed' },
  withdrawn: { zh: '已撤回', en: 'Withdrawn' },
};

/** A case's state as the list and the case page name it: a withdrawn case says what the citizen changed the rating to. */
export function caseStateLabel(c: { state: CaseState; score: number | null }): Bi {
  if (c.state !== 'withdrawn' || c.score === null) return CASE_STATE_TEXT[c.state];
  return { zh: `已撤回（群众改评为 ${c.score} 分）`, en: `Withdrawn (the citizen changed the rating to ${c.score})` };
}

export const DUE_TEXT: Record<DueState, Bi> = {
  overdue: { zh: '已超期', en: 'Overdue' },
  due_today: { zh: '今日到期', en: 'Due today' },
  due_later: { zh: '未到期', en: 'On time' },
  done: { zh: '已办结', en: 'Done' },
};

export const ACTION_TEXT: Record<CaseAction, Bi> = {
  assign: { zh: '分派', en: 'Assign' },
  classify: { zh: '定性（一般/重大）', en: 'Classify' },
  verify: { zh: '核实', en: 'Verify' },
  call: { zh: '记录回访', en: 'Record call' },
  rectify: { zh: '整改', en: 'Rectify' },
  answer: { zh: '反馈群众', en: 'Answer' },
  close: { zh: '办结', en: 'Close' },
  appeal: { zh: '申诉复核', en: 'Appeal' },
  decide_appeal: { zh: '申诉裁定', en: 'Decide appeal' },
  comment: { zh: '备注', en: 'Note' },
};

/** A timeline entry's name: a step, or what the system did (opened, revised, withdrawn, reopened); an unknown action as it came. */
export function eventLabel(action: string): Bi {
  if (action === 'opened') return { zh: '立案', en: 'Opened' };
  if (action === 'revised') return { zh: '群众更新评价', en: 'Citizen updated the rating' };
  if (action === 'withdrawn') return { zh: '群众改评，工单撤回', en: 'Citizen changed the rating; case withdrawn' };
  if (action === 'reopened') return { zh: '群众重新给出差评，工单重开', en: 'Citizen gave a bad rating again; case reopened' };
  return action in ACTION_TEXT ? ACTION_TEXT[action as CaseAction] : { zh: action, en: action };
}

/** Who took a step: a user's name, or the endpoint itself ('system': opening a case, a citizen's revision). */
export function actorLabel(by: string): Bi {
  return by === 'system' ? { zh: '系统', en: 'System' } : { zh: by, en: by };
}

/** Where a record came from (CHANNELS in src/shared/wire.ts); an unknown channel as it came. */
export function sourceChannelLabel(channel: string): Bi {
  const known: Record<string, Bi> = { kiosk: { zh: '窗口评价终端', en: 'Kiosk' }, qr: { zh: '手机扫码', en: 'Phone (QR code)' } };
  return known[channel] ?? { zh: channel, en: channel };
}

export const KIND_TEXT: Record<'bad_review' | 'complaint' | 'promoted', Bi> = {
  bad_review: { zh: '差评', en: 'Bad review' },
  complaint: { zh: '投诉', en: 'Complaint' },
  promoted: { zh: '转办', en: 'Promoted' },
};

export const CASE_TEXT = {
  view: { zh: '回访整改', en: 'Follow-up' },
  number: { zh: '编号', en: 'Number' },
  window: { zh: '窗口', en: 'Window' },
  staff: { zh: '工作人员', en: 'Staff' },
  kind: { zh: '类型', en: 'Kind' },
  category: { zh: '性质', en: 'Category' },
  general: { zh: '一般（3个工作日）', en: 'General (3 working days)' },
  major: { zh: '重大复杂（7个工作日）', en: 'Major (7 working days)' },
  state: { zh: '状态', en: 'State' },
  assignee: { zh: '承办人', en: 'Assignee' },
  assigneeHint: { zh: '从列表中选，或输入用户名', en: 'Pick from the list or type a username' },
  deadline: { zh: '办结时限', en: 'Due' },
  callbackDue: { zh: '回访时限', en: 'Call back by' },
  opened: { zh: '受理时间', en: 'Opened' },
  allStates: { zh: '全部状态', en: 'All states' },
  open: { zh: '未办结', en: 'Open' },
  allDue: { zh: '全部', en: 'All' },
  more: { zh: '加载更多', en: 'Load more' },
  none: { zh: '没有符合条件的案件', en: 'No cases match' },
  export: { zh: '导出案件 (CSV)', en: 'Export cases (CSV)' },
  source: { zh: '评价原文', en: 'The record' },
  score: { zh: '评分', en: 'Score' },
  reasons: { zh: '原因', en: 'Reasons' },
  listSep: { zh: '、', en: ', ' },
  colon: { zh: '：', en: ': ' },
  itemSep: { zh: '；', en: '; ' },
  comment: { zh: '留言', en: 'Comment' },
  phone: { zh: '联系电话', en: 'Phone' },
  reveal: { zh: '查看完整号码（留痕）', en: 'Show number (audited)' },
  timeline: { zh: '办理记录', en: 'Timeline' },
  note: { zh: '说明', en: 'Note' },
  founded: { zh: '属实', en: 'Founded' },
  unfounded: { zh: '不属实', en: 'Unfounded' },
  reached: { zh: '已联系上', en: 'Reached' },
  notReached: { zh: '未接通', en: 'Not reached' },
  upheld: { zh: '申诉成立', en: 'Upheld' },
  rejected: { zh: '申诉不成立', en: 'Rejected' },
  channel: { zh: '反馈方式', en: 'Channel' },
  save: { zh: '提交', en: 'Submit' },
  unsent: { zh: '这条记录没有保存，复制后可按案件现状重新填写：', en: 'This note was not saved; copy it to fill in again for the case as it is now:' },
  back: { zh: '返回列表', en: 'Back to the list' },
  excluded: { zh: '已剔除统计', en: 'Excluded from figures' },
  followUpQr: { zh: '生成二次评价二维码', en: 'Follow-up rating QR' },
  followUps: { zh: '二次评价', en: 'Follow-up ratings' },
  answerText: { zh: '反馈内容（群众可在进度页看到）', en: 'Answer (shown on the progress page)' },
  figures: { zh: '闭环指标', en: 'Follow-up figures' },
  callbackRate: { zh: '回访率', en: 'Call-back rate' },
  verifyRate: { zh: '核实率', en: 'Verified' },
  rectifyRate: { zh: '整改率', en: 'Rectified' },
  onTimeRate: { zh: '按期办结率', en: 'Closed on time' },
  overdue: { zh: '超期', en: 'Overdue' },
  medianCallback: { zh: '回访用时中位数（小时）', en: 'Median hours to call back' },
  medianClose: { zh: '办结用时中位数（小时）', en: 'Median hours to close' },
  cases: { zh: '案件数', en: 'Cases' },
  caseCount: { zh: '共 {n} 件', en: '{n} cases' },
  appeal: { zh: '申诉', en: 'Appeal' },
  followUpHint: { zh: '可将链接通过短信等发给群众，打开链接或扫码即可二次评价：', en: 'Send the citizen this link (by SMS, say); opening it or scanning the code gives the follow-up rating:' },
  copyLink: { zh: '复制链接', en: 'Copy link' },
  copied: { zh: '已复制', en: 'Copied' },
  verdict: { zh: '核实结论', en: 'Verification' },
  callResult: { zh: '回访结果', en: 'Call-back' },
  unreachable: { zh: '多次未接通', en: 'Not reached after every try' },
  attempts: { zh: '（共 {n} 次）', en: ' (calls: {n})' },
  pending: { zh: '尚未', en: 'Not yet' },
  phoneAdded: { zh: '群众留下联系电话', en: 'The citizen left a phone number' },
  scoreChanged: { zh: '评分 {from} → {to}', en: 'Score {from} → {to}' },
  byReasons: { zh: '按差评原因定为：', en: 'By the reasons given: ' },
  trackingAdded: { zh: '关联查询码', en: 'Tracking code linked' },
} satisfies Record<string, Bi>;

/** Both languages of `b` with their {name} holes filled. */
export function fillBi(b: Bi, vars: Record<string, unknown>): Bi {
  const put = (s: string) => s.replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k]));
  return { zh: put(b.zh), en: put(b.en) };
}

/** What an event of the timeline decided or changed (its detail), in words: 属实, 未接通, the new score… Empty when nothing. */
export function eventOutcome(action: string, detail: Record<string, unknown>): Bi[] {
  const T = CASE_TEXT;
  const out: Bi[] = [];
  if (action === 'verify' && typeof detail.founded === 'boolean') out.push(detail.founded ? T.founded : T.unfounded);
  if (action === 'call' && typeof detail.reached === 'boolean') out.push(detail.reached ? T.reached : T.notReached);
  if (action === 'decide_appeal' && typeof detail.upheld === 'boolean') out.push(detail.upheld ? T.upheld : T.rejected);
  if (action === 'assign' && typeof detail.assignee === 'string') out.push({ zh: `→ ${detail.assignee}`, en: `→ ${detail.assignee}` });
  if (action === 'answer' && typeof detail.channel === 'string' && detail.channel in CHANNEL_TEXT) out.push(CHANNEL_TEXT[detail.channel as keyof typeof CHANNEL_TEXT]);
  const category = detail.category === 'major' || detail.category === 'general' ? T[detail.category] : null;
  if (action === 'classify' && category) out.push(category);
  const score = detail.score as { from?: unknown; to?: unknown } | undefined;
  if (score && typeof score === 'object' && 'to' in score) out.push(fillBi(T.scoreChanged, { from: score.from ?? '—', to: score.to ?? '—' }));
  if (action !== 'classify' && action !== 'opened' && category) out.push({ zh: T.byReasons.zh + category.zh, en: T.byReasons.en + category.en });
  if (detail.phoneAdded === true) out.push(T.phoneAdded);
  if (detail.trackingCode === true) out.push(T.trackingAdded);
  return out;
}

/** A user's role, as the assign form names the people it offers. */
export const ROLE_TEXT: Record<'admin' | 'supervisor' | 'staff', Bi> = {
  admin: { zh: '管理员', en: 'Administrator' }, supervisor: { zh: '主管', en: 'Supervisor' }, staff: { zh: '工作人员', en: 'Staff' },
};

export const CHANNEL_TEXT: Record<'phone' | 'sms' | 'in_person' | 'notice', Bi> = {
  phone: { zh: '电话', en: 'Phone' },
  sms: { zh: '短信', en: 'SMS' },
  in_person: { zh: '当面', en: 'In person' },
  notice: { zh: '公示', en: 'Notice' },
};

/** The comments list's paging and its opened item. */
export const FEEDBACK_TEXT = {
  more: { zh: '加载更早的留言', en: 'Load older' },
  end: { zh: '已显示全部', en: 'All shown' },
  open: { zh: '查看详情', en: 'Open' },
  close: { zh: '收起', en: 'Close' },
  noComment: { zh: '（未留言）', en: '(no comment)' },
  channel: { zh: '渠道', en: 'Channel' },
  deviceTime: { zh: '设备时间', en: 'Device time' },
  receivedAt: { zh: '接收时间', en: 'Received' },
  revision: { zh: '修订', en: 'Revision' },
  suspect: { zh: '可疑（不计入统计）', en: 'Suspect (not counted)' },
  excluded: { zh: '申诉成立，已剔除统计', en: 'Excluded by an upheld appeal' },
  flags: { zh: '标记', en: 'Flags' },
  caseLink: { zh: '回访整改案件', en: 'Follow-up case' },
  noCase: { zh: '无', en: 'None' },
} satisfies Record<string, Bi>;

/**
 * The cases API's refusals by code (src/server/routes/cases.ts, case-figures.ts and the state machine's codes);
 * {state} is the case's state as the page shows it.
 */
export const CASE_ERROR_TEXT = {
  forbidden: { zh: '您的账号无权对此案件执行这一步。', en: 'Your account may not take this step on this case.' },
  forbidden_site: { zh: '您的账号无权查看该大厅的案件。', en: 'Your account may not see the cases of this hall.' },
  unknown_case: { zh: '未找到该案件，或您无权查看。', en: 'No such case, or you may not see it.' },
  unknown_site: { zh: '该案件所属大厅已不在配置中，请联系管理员。', en: 'The hall of this case is no longer configured; tell the administrator.' },
  invalid_assignee: { zh: '不能分派给该用户：用户不存在、已停用，或无权访问本大厅。', en: 'Cannot assign to this user: no such user, disabled, or without access to this hall.' },
  invalid_note: { zh: '请填写说明。', en: 'Please write a note.' },
  case_closed: { zh: '案件已办结，不能再执行这一步。', en: 'The case is closed; this step is no longer possible.' },
  not_assigned: { zh: '请先分派案件，再核实。', en: 'Assign the case before verifying it.' },
  wrong_state: { zh: '案件当前为“{state}”，不能执行这一步。', en: 'This step is not possible while the case is “{state}”.' },
  callback_required: { zh: '请先回访群众。', en: 'Call the citizen back first.' },
  appeal_pending: { zh: '申诉尚待裁定，请先裁定申诉。', en: 'An appeal is waiting for a decision; decide it first.' },
  no_appeal_pending: { zh: '没有待裁定的申诉。', en: 'There is no appeal to decide.' },
  appeal_exists: { zh: '此案件的申诉已裁定，不能再次申诉。', en: 'The appeal of this case was already decided.' },
  appeal_decider: { zh: '申诉须由提出申诉者和被评价工作人员以外的主管或管理员裁定。', en: 'An appeal is decided by a supervisor or administrator other than its filer and the staff member rated.' },
  no_phone: { zh: '群众未留联系电话，或号码已按保存期限清除。', en: 'The citizen left no number, or it was purged.' },
  case_not_rectified: { zh: '案件整改后才能生成二次评价二维码。', en: 'A follow-up rating QR is possible once the case is rectified.' },
  case_other_window: { zh: '该办件编号已登记在其他窗口，不能为本窗口生成二次评价二维码。', en: 'This case number belongs to another window; no follow-up QR for this one.' },
  no_secret: { zh: '本大厅尚无签名密钥，无法生成二维码，请联系管理员。', en: 'The hall has no signing secret; tell the administrator.' },
} satisfies Record<string, Bi>;

/** A failed call on a case in the staff language: the cases API's codes here, every other failure as all staff screens say it. */
export function caseErrorText(lang: Lang, f: Failure, state?: CaseState): string {
  const code = f.error === 'invalid' && f.field === 'note' ? 'invalid_note' : f.error;
  const text = (CASE_ERROR_TEXT as Record<string, Bi>)[code];
  if (!text) return errorText(staffText(lang), f);
  const stateText = state ? CASE_STATE_TEXT[state] : { zh: '—', en: '—' };
  return lang === 'en' ? fill(text.en, { state: stateText.en }) : fill(text.zh, { state: stateText.zh });
}
