/** Issue 15: what autoconsent may do for us, and what its content script may tell the background. */
import { describe, expect, it } from 'vitest';
import { API_PLATFORM_RULES, autoconsentConfig, autoconsentVerdict, parseAutoconsentMessage } from './autoconsent';
import { parseRequest } from '../messages';

describe('autoconsent config', () => {
  it('opts out only while the choice refuses something; never cosmetic, generated, prehide or heuristic', () => {
    for (const choice of ['essential-only', 'essential-functional'] as const) {
      expect(autoconsentConfig(true, choice)).toMatchObject({ enabled: true, autoAction: 'optOut', enableCosmeticRules: false, enableGeneratedRules: false, enablePrehide: false, enableHeuristicDetection: false });
    }
    expect(autoconsentConfig(true, 'allow-all')).toMatchObject({ enabled: false, autoAction: null });
    expect(autoconsentConfig(false, 'essential-only')).toMatchObject({ enabled: false, autoAction: null });
  });

  it('leaves the platforms answered through their own API to us', () => {
    expect(autoconsentConfig(true, 'essential-only').disabledCmps).toEqual([...API_PLATFORM_RULES]);
    expect(API_PLATFORM_RULES).toEqual(expect.arrayContaining(['Cybotcookiebot', 'Onetrust', 'Klaro', 'cookieconsent3', 'tarteaucitron.js']));
  });
});

describe('autoconsent messages', () => {
  it('accepts its messages, bounded; an eval names a snippet, never code', () => {
    expect(parseAutoconsentMessage({ type: 'init', url: 'https://shop.test/' })).toEqual({ type: 'init', url: 'https://shop.test/' });
    expect(parseAutoconsentMessage({ type: 'eval', id: 'a1', code: 'alert(1)', snippetId: 'EVAL_COOKIE_LAW_INFO_0' })).toEqual({ type: 'eval', id: 'a1', snippetId: 'EVAL_COOKIE_LAW_INFO_0' });
    expect(parseAutoconsentMessage({ type: 'eval', id: 'a1', code: 'alert(1)' })).toBeNull();
    expect(parseAutoconsentMessage({ type: 'eval', id: 'a1', snippetId: 'alert(1)' })).toBeNull();
    expect(parseAutoconsentMessage({ type: 'optOutResult', cmp: 'x', result: 'yes', url: 'https://a.test/' })).toBeNull();
    expect(parseAutoconsentMessage({ type: 'optIn' })).toBeNull();
    expect(parseRequest({ type: 'autoconsent', message: { type: 'selfTestResult', cmp: 'cookie-law-info', result: true, url: 'https://a.test/' } })).toEqual({
      type: 'autoconsent',
      message: { type: 'selfTestResult', cmp: 'cookie-law-info', result: true, url: 'https://a.test/' },
    });
  });

  it('a verdict is recorded only when the self-test passed', () => {
    expect(autoconsentVerdict('cookie-law-info', 'essential-only', true, true)).toMatchObject({ status: 'recorded', recordedAs: 'essential-only', source: 'self-test' });
    expect(autoconsentVerdict('x', 'essential-only', true, null)).toMatchObject({ status: 'unverified', refusedPurposes: [] });
    expect(autoconsentVerdict('x', 'essential-only', true, false).status).toBe('not-recorded');
    expect(autoconsentVerdict('x', 'essential-only', false, null).status).toBe('not-recorded');
  });
});
