import { describe, it, expect } from 'vitest';
import { maskContact, contactKind, contactIcon } from '../../src/shared/contact';

describe('masking a citizen\'s contact', () => {
  it('a mainland mobile number keeps its first three and last four digits', () => {
    expect(maskContact('13812341234')).toBe('138****1234');
    expect(maskContact('+86 138-1234-1234')).toBe('138****1234');
    expect(contactKind('13812341234')).toBe('phone');
  });

  it('an e-mail address shows only the first letter of the name and of the domain', () => {
    expect(maskContact('zhangwei@example.com')).toBe('z***@e***.com');
    expect(maskContact('li.na@mail.gov.cn')).toBe('l***@m***.cn');
    expect(contactKind('zhangwei@example.com')).toBe('email');
  });

  it('a phone number or e-mail inside free text is masked and the words around it stay', () => {
    expect(maskContact('张先生 13812341234')).toBe('张先生 138****1234');
    expect(maskContact('邮箱 wang@qq.com 谢谢')).toBe('邮箱 w***@q***.com 谢谢');
  });

  it('anything else, such as a WeChat id, keeps only its first character', () => {
    expect(maskContact('wx_zhangwei88')).toBe('w******');
    expect(contactKind('wx_zhangwei88')).toBe('other');
    expect(maskContact('')).toBe('');
    expect(maskContact(null)).toBe('');
  });

  it('a masked contact keeps its kind, so an e-mail is never shown with a telephone icon', () => {
    expect(contactIcon(maskContact('zhangwei@example.com'))).toBe('✉');
    expect(contactIcon(maskContact('13812341234'))).toBe('☎');
    expect(contactIcon(maskContact('wx_zhangwei88'))).toBe('👤');
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
