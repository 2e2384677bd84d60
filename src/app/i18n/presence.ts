/** The idle screen's one staff-facing line when it can show no phone-survey QR code (kept tiny: the kiosk loads it at start). */
import { dictionary, type Texts } from './dict';

const zh = {
  noCode: '未联网且不是 HTTPS：无法显示扫码评价二维码。',
} as const;

const en: Texts<typeof zh> = {
  noCode: 'Offline and not on HTTPS: no QR code for phones can be shown.',
};

export const presenceText = dictionary(zh, en);
