import { describe, it, expect } from 'vitest';
import { maskContact, contactKind, contactIcon, maskPhonesInText, MAY_HOLD_PHONE } from '../../src/shared/contact';

/** Each contact as it was written, and as staff see it. */
const maskedAs = (cases: Record<string, string>) => expect(Object.keys(cases).map(maskContact)).toEqual(Object.values(cases));

describe('masking a citizen\'s contact', () => {
  it('a mainland mobile number keeps its first three and last four digits', () => {
    maskedAs({ '13812341234': '138****1234', '+86 138-1234-1234': '138****1234' });
    expect(contactKind('13812341234')).toBe('phone');
  });

  it('an e-mail address shows only the first letter of the name and of the domain', () => {
    maskedAs({ 'zhangwei@example.com': 'z***@e***.com', 'li.na@mail.gov.cn': 'l***@m***.cn' });
    expect(contactKind('zhangwei@example.com')).toBe('email');
  });

  it('a phone number or e-mail inside free text is masked and the words around it stay', () => {
    maskedAs({ '张先生 13812341234': '张先生 138****1234', '邮箱 wang@qq.com 谢谢': '邮箱 w***@q***.com 谢谢' });
  });

  it('anything else, such as a WeChat id, keeps only its first character', () => {
    maskedAs({ wx_zhangwei88: 'w******', '': '' });
    expect(contactKind('wx_zhangwei88')).toBe('other');
    expect(maskContact(null)).toBe('');
  });

  it('a masked contact keeps its kind, so an e-mail is never shown with a telephone icon', () => {
    expect(['zhangwei@example.com', '13812341234', 'wx_zhangwei88'].map((c) => contactIcon(maskContact(c)))).toEqual(['✉', '☎', '👤']);
  });

  it('no part of the e-mail name beyond its first letter survives', () => {
    for (const email of ['alice.wonderland@example.org', 'a@b.co', '王@例子.中国']) {
      const masked = maskContact(email);
      const local = email.split('@')[0]!;
      if ([...local].length > 1) expect(masked).not.toContain(local.slice(1));
      expect(masked).toContain('***@');
    }
  });

  it('a telephone number a citizen typed into a comment is masked, and dates, times, amounts and case numbers in it are not', () => {
    const typed: Record<string, string> = {
      '请回电13812345678谢谢': '请回电138****5678谢谢',
      '电话 138 1234 5678，下午在家': '电话 138****5678，下午在家',
      '+86-139-8765-4321': '139****4321',
      '座机010-62345678或0571 87654321': '座机010****5678或057*****4321',
      '2026-11-23 下午3:30排队两小时，收费120元，办件编号2026112300012345': '2026-11-23 下午3:30排队两小时，收费120元，办件编号2026112300012345',
      '身份证号码不是电话 110101199003071234': '身份证号码不是电话 110101199003071234',
    };
    expect(Object.keys(typed).map(maskPhonesInText)).toEqual(Object.values(typed));
  });

  it('a number typed in full-width digits, as a Chinese keyboard may, is masked too, and the full-width punctuation around it is kept', () => {
    const typed: Record<string, string> = {
      '请回电１３８１２３４５６７８，谢谢': '请回电138****5678，谢谢',
      '座机０１０－６２３４５６７８': '座机010****5678',
      '电话13８1234５678': '电话138****5678',
      '＋８６　１３９　８７６５　４３２１。': '139****4321。',
      '排了２个小时，收费１２０元': '排了２个小时，收费１２０元',
    };
    expect(Object.keys(typed).map(maskPhonesInText)).toEqual(Object.values(typed));
  });

  it('text that holds a telephone number is always caught by the quick test that leaves a row to the masking writer', () => {
    for (const s of ['13812345678', '0571 87654321', '+86 139-8765-4321', '请回电15900001111', '请回电１３８１２３４５６７８', '座机０１０－６２３４５６７８']) {
      expect(maskPhonesInText(s)).not.toBe(s);
      expect(MAY_HOLD_PHONE.test(s)).toBe(true);
    }
  });
});
