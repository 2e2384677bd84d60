/**
 * Which addresses an alert channel may post to, checked when an admin saves the channel. A robot posts only to its
 * vendor's robot webhook (a mistyped or foreign address would hand citizens' complaints to someone else); a generic
 * webhook needs HTTPS, or plain HTTP to the hall's own server on its private network.
 */

/** Why an address does not suit its channel: not the vendor's robot webhook, or plain HTTP off the hall's network. */
export type ChannelUrlProblem = 'not_robot' | 'not_https';

interface RobotHook {
  readonly host: string;
  readonly path: string;
  /** The query parameter that carries the robot's token, or null when the token is the path's last segment. */
  readonly token: string | null;
}

/** The robot webhooks in the vendors' documentation: DingTalk 自定义机器人, WeCom 群机器人, Feishu and Lark 自定义机器人. */
const ROBOT_HOOKS: Readonly<Record<'dingtalk' | 'wecom' | 'feishu', readonly RobotHook[]>> = {
  dingtalk: [{ host: 'oapi.dingtalk.com', path: '/robot/send', token: 'access_token' }],
  wecom: [{ host: 'qyapi.weixin.qq.com', path: '/cgi-bin/webhook/send', token: 'key' }],
  feishu: [
    { host: 'open.feishu.cn', path: '/open-apis/bot/v2/hook/', token: null },
    { host: 'open.larksuite.com', path: '/open-apis/bot/v2/hook/', token: null },
  ],
};

const isRobotHook = (u: URL, hook: RobotHook): boolean => {
  if (u.protocol !== 'https:' || u.host !== hook.host || u.username || u.password) return false;
  if (hook.token !== null) return u.pathname === hook.path && Boolean(u.searchParams.get(hook.token));
  const rest = u.pathname.startsWith(hook.path) ? u.pathname.slice(hook.path.length) : '';
  return /^[^/]+$/.test(rest);
};

/** Loopback and private addresses (RFC 1918, IPv6 unique-local) and localhost: the hall's own machines. */
export function isHallAddress(hostname: string): boolean {
  const h = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  if (h === 'localhost' || h === '::1') return true;
  if (/^f[cd][0-9a-f]{2}:/.test(h)) return true;
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(h);
  if (!m) return false;
  const [a, b] = [Number(m[1]), Number(m[2])];
  return a === 127 || a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168);
}

/** What is wrong with `url` for a channel of `kind`, or null when it may be saved. E-mail has no address to check. */
export function channelUrlProblem(kind: string, url: string): ChannelUrlProblem | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return kind === 'webhook' ? 'not_https' : 'not_robot';
  }
  if (kind === 'dingtalk' || kind === 'wecom' || kind === 'feishu') return ROBOT_HOOKS[kind].some((hook) => isRobotHook(u, hook)) ? null : 'not_robot';
  if (kind === 'webhook') return u.protocol === 'https:' || (u.protocol === 'http:' && isHallAddress(u.hostname)) ? null : 'not_https';
  return null;
}
