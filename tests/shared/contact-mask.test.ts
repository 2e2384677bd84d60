import { describe, it, expect } from 'vitest';
import { maskContact, contactKind, contactIcon } from '../../src/shared/contact';

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
});
