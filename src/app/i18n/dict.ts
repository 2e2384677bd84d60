/** Typed dictionaries: every string a citizen or staff member reads comes from here. */
export type Lang = 'zh-CN' | 'en';

export const zh = {
  appTitle: '服务评价',
  window: '窗口',
  rateUs: '请对本次服务进行评价',
  rateUsHint: '轻触表情即完成评价',
  thanks: '感谢您的评价！',
  thanksDetail: '您的意见将帮助我们改进服务。',
  notSaved: '抱歉，评价未能保存，请告知窗口工作人员。',
  back: '返回',
  loading: '正在加载…',
  unknownWindow: '未找到该窗口，请联系管理员。',
  notEnrolled: '本设备尚未登记，请联系管理员。',
  // Staff and admin screens
  signIn: '登录',
  signOut: '退出登录',
  username: '用户名',
  password: '密码',
  dashboard: '满意度统计',
  admin: '系统管理',
  from: '开始日期',
  to: '结束日期',
  window_: '窗口',
  allWindows: '全部窗口',
  ratings: '评价数',
  target: '目标',
  exportResponses: '导出评价明细 (CSV)',
  badLogin: '用户名或密码错误',
  kiosks: '窗口评价终端',
  home: '首页',
} as const;

export type Dict = { readonly [K in keyof typeof zh]: string };

export const en: Dict = {
  appTitle: 'Service feedback',
  window: 'Window',
  rateUs: 'Please rate the service you received',
  rateUsHint: 'One tap on a face is enough',
  thanks: 'Thank you for your feedback!',
  thanksDetail: 'Your opinion helps us serve you better.',
  notSaved: 'Sorry, your rating could not be saved. Please tell the staff at the window.',
  back: 'Back',
  loading: 'Loading…',
  unknownWindow: 'This window was not found. Please contact the administrator.',
  notEnrolled: 'This device is not enrolled. Please contact the administrator.',
  signIn: 'Sign in',
  signOut: 'Sign out',
  username: 'Username',
  password: 'Password',
  dashboard: 'Satisfaction',
  admin: 'Administration',
  from: 'From',
  to: 'To',
  window_: 'Window',
  allWindows: 'All windows',
  ratings: 'Ratings',
  target: 'Target',
  exportResponses: 'Export responses (CSV)',
  badLogin: 'Wrong username or password',
  kiosks: 'Window kiosks',
  home: 'Home',
};

export const DICTS: Record<Lang, Dict> = { 'zh-CN': zh, en };
