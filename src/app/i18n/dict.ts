/**
 * Typed dictionaries: every string a citizen or staff member reads comes from src/app/i18n, in zh-CN and English.
 * tests/app/i18n-literals.test.ts fails when a file elsewhere under src/app holds a Chinese string literal.
 *
 * How to add text for a screen (one file per screen area, e.g. `i18n/dashboard.ts`, `i18n/cases.ts`):
 *   const zh = { title: '个案', overdue: '已超期 {n} 天' } as const;       // Chinese first; its keys are the keys
 *   const en: Texts<typeof zh> = { title: 'Cases', overdue: '{n} days overdue' };  // the compiler wants every key
 *   export const casesText = dictionary(zh, en);                             // (lang) => the texts of a language
 * A component reads `const t = useTexts(casesText)` (i18n/lang.ts: the staff screens' remembered language) or
 * `casesText(lang)`; `fill(t.overdue, { n })` fills placeholders. Codes from the endpoint (grades, reasons,
 * error codes) are turned into text here too, never on the server.
 * This file holds the citizen screens' dictionary (kiosk and phone), kept small for the kiosk's load budget; its English
 * side is dict-en.ts, which the kiosk loads only when a citizen switches to English (i18n/citizen.ts).
 */
export type Lang = 'zh-CN' | 'en';

/** The English side of a dictionary: a string for every key of the Chinese side. */
export type Texts<Z> = { readonly [K in keyof Z]: string };

/** A screen's dictionary from its Chinese and English texts. */
export function dictionary<Z extends Record<string, string>>(zh: Z, en: Texts<Z>): (lang: Lang) => Texts<Z> {
  return (lang) => (lang === 'en' ? en : zh);
}

export const zh = {
  appTitle: '服务评价',
  window: '窗口',
  rateUs: '请对本次服务进行评价',
  rateUsHint: '轻触表情即完成评价',
  thanks: '感谢您的评价！',
  thanksDetail: '您的意见将帮助我们改进服务。',
  notSaved: '抱歉，评价未能保存，请告知窗口工作人员。',
  unknownWindow: '未找到该窗口，请联系管理员。',
  bootFailed: '评价器暂时无法启动，正在自动重试…',
  // Staff and admin screens
  dashboard: '满意度统计',
  admin: '系统管理',
  kiosks: '窗口评价终端',
  // Citizen survey (kiosk and phone)
  recorded: '感谢您的评价，已为您记录。',
  reasonsTitle: '请告诉我们哪里做得不好',
  reasonsHint: '可多选，至少选择一项',
  next: '下一步',
  changeRating: '改选评价',
  commentTitle: '还有什么想告诉我们的吗？',
  commentLabel: '留言（选填）',
  charsLeft: '还可输入 {n} 字',
  phoneLabel: '手机号码（选填，用于回访）',
  phoneConsent: '留下号码即表示您同意工作人员就本次评价与您联系，号码仅用于回访。',
  phoneInvalid: '请输入正确的 11 位手机号码',
  commentTooLong: '留言过长',
  submit: '提交',
  skip: '跳过',
  addComment: '补充留言',
  done: '完成',
  thanksBad: '感谢您的反馈，我们会认真整改。',
  thanksCallBack: '工作人员将在 1 个工作日内与您联系。',
  returningSoon: '稍后将自动返回首页',
  switchLang: 'English',
  switchLangLabel: 'Switch to English',
  largeText: '大字模式',
  onDuty: '当班人员',
  staffNo: '工号',
  promise: '服务承诺',
  // Suggestion box (意见箱)
  suggestionBox: '意见箱',
  suggestionEntry: '我要提意见',
  suggestionIntro: '建议、投诉、表扬或咨询，都可以写给我们。',
  category: '类别',
  cat_suggestion: '建议',
  cat_complaint: '投诉',
  cat_praise: '表扬',
  cat_question: '咨询',
  suggestionText: '内容',
  textRequired: '请填写内容',
  anonymous: '默认匿名提交',
  contactLabel: '联系方式（选填）',
  cancel: '取消',
  suggestionThanks: '感谢您的意见！',
  cannotVerify: '暂时无法验证，请联网后再试',
  // Phone survey (QR codes)
  qrScanHint: '扫码评价',
  qrScanDetail: '用手机扫描二维码，在手机上评价',
  qrExpired: '此二维码已过期，请扫描窗口处的二维码',
  /** The case tracking code's label before its QR code loads (i18n/followup.ts says the same as trackCode). */
  trackCodeLabel: '查询码',
  qrInvalid: '无法识别此二维码，请扫描窗口处的二维码',
  qrCaseRated: '您已评价过本次办件，感谢您的参与',
  qrCaseRatedElsewhere: '本次办件已有评价，每件事只能评价一次。如有疑问，请联系窗口工作人员。',
  qrCaseNotRectified: '该办件尚未整改完成，暂不能进行二次评价。',
  qrEarlierRefused: '您此前提交的一条评价未被接受',
  qrEarlierRefusedCase: '该办件已有评价（一事一评）。如有疑问，请联系窗口工作人员。',
  qrEarlierRefusedCode: '二维码已失效。请扫描窗口处的二维码重新评价。',
  continueLabel: '继续',
  caseNo: '办件编号',
  followUpRating: '整改后二次评价',
  phoneFinished: '评价已完成，您可以关闭本页面。',
  savedOffline: '网络恢复后将自动提交',
  sentNow: '已提交',
  // Print posters
  postersTitle: '打印评价二维码',
  postersPrint: '打印',
  posterCall: '请扫码对本窗口服务进行评价',
  posterSteps: '手机扫码 · 选择表情 · 提交',
} as const;

export type Dict = { readonly [K in keyof typeof zh]: string };
