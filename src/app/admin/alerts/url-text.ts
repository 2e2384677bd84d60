/** What the channel form says, in the admin's language, of a webhook address the endpoint refused. */
import { channelUrlProblem } from '../../../shared/alerts/channel-url';
import type { AlertsDict } from '../../i18n/alerts';

/** Why `url` does not suit a channel of `kind`: blank, not the vendor's robot webhook, plain HTTP off the hall's network, or otherwise invalid. */
export function urlRefusal(t: AlertsDict, kind: string, url: string): string {
  if (!url.trim()) return t.urlRequired;
  switch (channelUrlProblem(kind, url)) {
    case 'not_robot': return kind === 'dingtalk' ? t.urlNotRobot_dingtalk : kind === 'wecom' ? t.urlNotRobot_wecom : t.urlNotRobot_feishu;
    case 'not_https': return t.urlNotHttps;
    case null: return t.urlInvalid;
  }
}
