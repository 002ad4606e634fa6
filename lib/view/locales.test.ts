/**
 * The three locales the pages ship: the same keys, the same placeholders, no empty message, no English
 * left standing in German or French; and the pages' own words go through them (no text written in JSX).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const PROJECT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const ROOT = path.join(PROJECT, 'public/_locales');
const load = (lang: string) => JSON.parse(readFileSync(path.join(ROOT, lang, 'messages.json'), 'utf8')) as Record<string, { message: string }>;
const placeholders = (s: string) => [...s.matchAll(/\$(\d)/g)].map((m) => m[1]).sort().join(',');
const words = (s: string) => s.replace(/\$\d/g, ' ').match(/\p{L}+/gu) ?? [];

/** The pages whose words a person reads (issue 14). */
const UI_DIRS = ['components', 'entrypoints/popup', 'entrypoints/options', 'entrypoints/welcome', 'entrypoints/report'];
/** Attributes read out or shown to a person. */
const UI_ATTRIBUTES = new Set(['aria-label', 'placeholder', 'title', 'alt', 'label', 'aria-description']);
/** Literal text allowed in JSX: names and notations that are the same in every language. */
const LITERAL_OK = new Set(['SHA-256', 'MIT', 'Cookie Warden', 'example.com', 'Global Privacy Control', 'Do Not Track']);
/** Three words or more with spaces between them: a sentence, not a key, a path or a message type. */
const isSentence = (s: string) => /\p{L}+[\s,.:;]+\p{L}+[\s,.:;]+\p{L}+/u.test(s.replace(/\$\{[^}]*\}/g, ' '));

/**
 * Words written straight into the code of a page: JSX text, a person-facing attribute, or a string or
 * template of three words or more (a sentence built in code, as the DNT / GPC reason once was).
 */
function literalTexts(file: string, code = readFileSync(file, 'utf8')): string[] {
  const source = ts.createSourceFile(file, code, ts.ScriptTarget.Latest, true, file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const out: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isJsxText(node)) {
      const text = node.text.replace(/\s+/g, ' ').trim();
      if (words(text).length > 0 && !LITERAL_OK.has(text)) out.push(text);
    } else if (ts.isJsxAttribute(node) && node.initializer && ts.isStringLiteral(node.initializer)) {
      const name = node.name.getText(source);
      const text = node.initializer.text.trim();
      if (UI_ATTRIBUTES.has(name) && words(text).length > 0 && !LITERAL_OK.has(text)) out.push(`${name}="${text}"`);
      return;
    } else if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) {
      return;
    } else if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateExpression(node)) {
      const text = ts.isTemplateExpression(node) ? [node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join(' ') : node.text;
      if (isSentence(text) && !LITERAL_OK.has(text)) out.push(node.getText(source));
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}

describe('locales', () => {
  const en = load('en');
  for (const lang of ['de', 'fr']) {
    it(`${lang} has every English key with the same placeholders`, () => {
      const other = load(lang);
      const missing = Object.keys(en).filter((k) => !(k in other));
      const extra = Object.keys(other).filter((k) => !(k in en));
      expect({ missing, extra }, `${lang}: keys missing or unknown`).toEqual({ missing: [], extra: [] });
      for (const [key, { message }] of Object.entries(en)) {
        expect(other[key]!.message.trim(), `${lang}.${key}`).not.toBe('');
        expect(placeholders(other[key]!.message), `${lang}.${key}`).toBe(placeholders(message));
      }
    });

    it(`${lang} translates every sentence (an English message copied over counts as missing)`, () => {
      const other = load(lang);
      // Names and one- or two-word notations ("Cookie Warden", "SameSite", "Version") may stay as they are.
      const untranslated = Object.keys(en).filter((k) => other[k]?.message === en[k]!.message && words(en[k]!.message).length > 2);
      expect(untranslated, `${lang}: same text as English`).toEqual([]);
    });
  }

  it('keys are valid browser i18n names', () => {
    for (const key of Object.keys(en)) expect(key).toMatch(/^[A-Za-z0-9_]+$/);
  });

  it('the popup, options, first-run and report pages write no words of their own in JSX', () => {
    const found: string[] = [];
    for (const dir of UI_DIRS) {
      for (const name of readdirSync(path.join(PROJECT, dir))) {
        if (!/\.tsx?$/.test(name) || name.endsWith('.test.ts')) continue;
        for (const text of literalTexts(path.join(PROJECT, dir, name))) found.push(`${dir}/${name}: ${text}`);
      }
    }
    expect(found).toEqual([]);
  });

  it('the check sees words written in code (control)', () => {
    const probe = `export const F = () => (
      <form aria-label="Add one">
        <button>{t('exceptionAdd')}</button> Add <input placeholder={t('exceptionNamePlaceholder')} />
        {reason ?? \`Essential only: this site says \${x}\`}
      </form>
    );`;
    expect(literalTexts('probe.tsx', probe)).toEqual(['aria-label="Add one"', 'Add', '`Essential only: this site says ${x}`']);
  });
});
