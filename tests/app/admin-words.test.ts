/** The admin screens' words: refused fields and audit actions in the staff language, and every audited action offered. */
import { describe, it, expect } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { errorText } from '../../src/app/i18n/format';
import { staffText } from '../../src/app/i18n/staff';
import { adminText } from '../../src/app/i18n/admin';
import { AUDIT_ACTION_GROUPS, actionName } from '../../src/app/admin/audit-actions';

const SERVER = join(import.meta.dirname, '../../src/server');
const HAN = /\p{Script=Han}/u;

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : name.endsWith('.ts') ? [path] : [];
  });
}

/** Action codes passed as string literals to `audit(store, actor, action, …)` and `auditEntry(actor, action, …)`. */
function auditedActions(): Set<string> {
  const found = new Set<string>();
  for (const file of sources(SERVER)) {
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node) => {
      if (ts.isCallExpression(node) && ts.isIdentifier(node.expression)) {
        const at = node.expression.text === 'audit' ? 2 : node.expression.text === 'auditEntry' ? 1 : -1;
        const arg = at >= 0 ? node.arguments[at] : undefined;
        if (arg && ts.isStringLiteral(arg)) found.add(arg.text);
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return found;
}

const refused = (field: string) => ({ status: 400, error: 'invalid', field, message: `${field}: must be at least 10 characters` });

describe('the user forms say what is wrong in the staff language', () => {
  for (const lang of ['zh-CN', 'en'] as const) {
    const t = adminText(lang);
    const fields = { password: t.bad_password, sites: t.bad_sites, staffId: t.bad_staffId };
    it(`a refused password, hall or staff link is worded by the form, never the endpoint's English (${lang})`, () => {
      expect(errorText(staffText(lang), refused('password'), fields)).toBe(t.bad_password);
      expect(errorText(staffText(lang), refused('staffId'), fields)).toBe(t.bad_staffId);
      expect(errorText(staffText(lang), refused('sites.0'), fields)).toBe(t.bad_sites);
      if (lang === 'zh-CN') expect(t.bad_staffId).toMatch(HAN);
    });
  }

  it('a date range the wrong way round is worded in the staff language, not as the endpoint\'s English', () => {
    const reversed = { status: 400, error: 'bad_range', field: 'from', message: 'from must not be after to' };
    expect(errorText(staffText('zh-CN'), reversed)).toBe('开始日期不能晚于结束日期。');
    expect(errorText(staffText('en'), reversed)).toBe('The start date must not be after the end date.');
  });

  it('an account with no staff link is told so in the staff language', () => {
    const unlinked = { status: 403, error: 'no_staff_link', message: 'this account is not linked to a staff member; ask an admin' };
    expect(errorText(staffText('zh-CN'), unlinked)).toMatch(/^此账号尚未关联工作人员/);
  });

  it('a sign-in turned away while many are being checked says how many seconds to wait, in the staff language', () => {
    const busy = { status: 503, error: 'busy', message: 'too many sign-ins are being checked at once; try again in 5 seconds', retryAfterSeconds: 5 };
    expect(errorText(staffText('zh-CN'), busy)).toBe('同时登录的人较多，请 5 秒后再试。');
    expect(errorText(staffText('en'), busy)).toBe('Many people are signing in at once; try again in 5 seconds.');
  });

  it('a field the form does not word still shows the endpoint message, as before', () => {
    expect(errorText(staffText('en'), refused('month'), {})).toContain('month');
  });
});

describe('the audit page knows every action the endpoint logs', () => {
  const offered = AUDIT_ACTION_GROUPS.flatMap((g) => [...g.actions]) as string[];

  it('every action written by the endpoint can be chosen in the filter', () => {
    const written = auditedActions();
    expect(written.size).toBeGreaterThan(20); // the scan sees the calls
    expect([...written].filter((a) => !offered.includes(a))).toEqual([]);
  });

  it('every action has words in both languages, and the Chinese page shows no raw code', () => {
    for (const code of offered) {
      expect(actionName(adminText('zh-CN'), code)).toMatch(HAN);
      expect(actionName(adminText('en'), code)).not.toBe(code);
    }
    expect(actionName(adminText('en'), 'some_future_action')).toBe('some_future_action');
  });
});
