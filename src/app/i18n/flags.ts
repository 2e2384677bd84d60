/** Why a rating is suspect or counted otherwise, as supervisors read it (zh-CN, English). */
export const FLAG_LABELS: Readonly<Record<string, { zh: string; en: string }>> = {
  too_soon_after_thanks: { zh: '致谢后过快', en: 'Too soon after thanks' },
  too_many_ratings: { zh: '短时评价过多', en: 'Too many ratings' },
  device_flagged: { zh: '终端标记可疑', en: 'Flagged by device' },
  clock_skew: { zh: '设备时钟偏差', en: 'Device clock off' },
  qr_token_budget: { zh: '二维码使用超限', en: 'QR code used too often' },
  qr_burst_rate: { zh: '扫码评价过密', en: 'QR burst' },
  qr_burst_pattern: { zh: '扫码评分雷同', en: 'QR score pattern' },
  qr_repeat_phone: { zh: '同一手机重复', en: 'Same phone again' },
  qr_repeat_address: { zh: '同一地址重复', en: 'Same address again' },
  qr_repeat: { zh: '同一手机重复', en: 'Same phone again' },
};

/** "扫码评价过密 QR burst"; an unknown flag as itself. */
export function flagLabel(flag: string): string {
  const l = FLAG_LABELS[flag];
  return l ? `${l.zh} ${l.en}` : flag;
}
