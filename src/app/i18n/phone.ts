/**
 * Words only the phone's survey page says, kept apart from the citizen dictionary: every text there is also in the
 * chunk the kiosk loads at start, which is at its budget.
 */
export const phoneZh = {
  qrEarlierChangeRefused: '您对评价的改选未被接受',
  qrChangeTooLate: '评价送达 30 分钟后不能再改选，您最初的评价保留。如有意见，请联系窗口工作人员。',
  draftKept: '您写的意见已保存在本手机上：重新扫描窗口的二维码，打开意见箱即可接着提交。',
};

export const phoneEn: typeof phoneZh = {
  qrEarlierChangeRefused: 'Your change to a rating was not accepted',
  qrChangeTooLate: 'A rating can be changed only within 30 minutes of reaching us: your first rating stands. Please ask at the window if you wish to say more.',
  draftKept: 'What you wrote is kept on this phone: scan the code at the window again and open the suggestion box to send it.',
};
