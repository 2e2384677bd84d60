import { createHmac } from 'node:crypto';

/** DingTalk robot: sign = urlEncode(Base64(HmacSHA256(key = secret, msg = timestamp + "\n" + secret))), timestamp in ms. */
export function dingtalkSign(timestampMs: number, secret: string): string {
  const mac = createHmac('sha256', secret).update(`${timestampMs}\n${secret}`, 'utf8').digest('base64');
  return encodeURIComponent(mac);
}

/** Feishu/Lark custom bot: sign = Base64(HmacSHA256(key = timestamp + "\n" + secret, msg = "")), timestamp in seconds. */
export function feishuSign(timestampSec: number, secret: string): string {
  return createHmac('sha256', `${timestampSec}\n${secret}`).update('').digest('base64');
}

/** Generic webhook: hex HmacSHA256(key = secret, msg = timestamp + "." + body), sent with the timestamp header. */
export function webhookSign(timestampMs: number, body: string, secret: string): string {
  return createHmac('sha256', secret).update(`${timestampMs}.${body}`, 'utf8').digest('hex');
}
