import { describe, it, expect } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

const ROOT = join(import.meta.dirname, '../..');
const APP = join(ROOT, 'src/app');
const DICTIONARIES = join(APP, 'i18n');
const HAN = /\p{Script=Han}/u;

/** Every .ts/.tsx file below a folder. */
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

/** Chinese text a file would show from a string, template or JSX text; comments do not count. */
function chineseLiterals(file: string, text: string): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    const literal = ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateHead(node)
      || ts.isTemplateMiddle(node) || ts.isTemplateTail(node) || ts.isJsxText(node);
    if (literal && HAN.test(node.text)) {
      const { line } = source.getLineAndCharacterOfPosition(node.getStart());
      found.push(`${relative(ROOT, file)}:${line + 1}: ${node.text.trim().slice(0, 40)}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('every string on a screen comes from a dictionary', () => {
  it('no component outside src/app/i18n holds a Chinese string literal', () => {
    const files = sources(APP).filter((f) => !f.startsWith(DICTIONARIES));
    expect(files.length).toBeGreaterThan(50);
    const found = files.flatMap((f) => chineseLiterals(f, readFileSync(f, 'utf8')));
    expect(found).toEqual([]);
  });

  it('the check sees Chinese in strings, templates and JSX text, and not in comments', () => {
    const code = [
      '/** 亮身份: the header. */',
      "const a = '满意率';",
      'const b = `共 ${n} 条`;',
      'const c = <p>感谢</p>;',
      '// 注释 only',
      "const d = 'plain English';",
    ].join('\n');
    expect(chineseLiterals('probe.tsx', code).map((x) => x.replace(/^.*?: /, ''))).toEqual(['满意率', '共', '条', '感谢']);
  });
});
