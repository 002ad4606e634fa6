import { describe, expect, it } from 'vitest';
import { purposeOfCategory, purposeOfText, resolvePurpose } from './purpose';

describe('purposeOfCategory', () => {
  it.each([
    ['Strictly Necessary Cookies', 'essential'],
    ['Necessary', 'essential'],
    ['Essential Cookies (Always Active)', 'essential'],
    ['Cookies strictement nécessaires', 'essential'],
    ['Unbedingt erforderliche Cookies', 'essential'],
    ['Cookies técnicas', 'essential'],
    ['Cwcis hanfodol', 'essential'],
    ['Noodzakelijke cookies', 'essential'],
    ['Cookie tecnici necessari', 'essential'],
    ['Functional Cookies', 'functional'],
    ['Preferences', 'functional'],
    ['Cookies de préférences', 'functional'],
    ['Performance Cookies', 'analytics'],
    ['Analytics Cookies (Opt-in Only)', 'analytics'],
    ['Statistiques', 'analytics'],
    ['Mesure d’audience', 'analytics'],
    ['Marketing', 'advertising'],
    ['Targeting Cookies', 'advertising'],
    ['Publicités personnalisées', 'advertising'],
    ['Commercial', 'advertising'],
    ['Unclassified', 'unknown'],
    ['Not required', null],
    ['Non Necessary', null],
    ['Other', null],
    ['Kopano Cookies', null],
    ['Cookie Management', null],
    ['', null],
  ])('%s -> %s', (label, purpose) => {
    expect(purposeOfCategory(label)).toBe(purpose);
  });
});

describe('purposeOfText', () => {
  it.each([
    ['We use Matomo (Piwik) to measure our success with the website. This cookie is used to recognize a returning visitor.', 'analytics'],
    ['The cookie is set by GDPR Cookie Consent plugin and is used to store whether or not user has consented to the use of cookies.', 'essential'],
    ['Akamai Bot Manager – Security cookie', 'essential'],
    ['Used by Google DoubleClick to present users with ads that are relevant to them', 'advertising'],
    ['Remembers your language', 'functional'],
    ['', 'unknown'],
  ])('%s -> %s', (text, purpose) => {
    expect(purposeOfText(text)).toBe(purpose);
  });
});

describe('resolvePurpose', () => {
  it('lets the site category win over the text', () => {
    expect(resolvePurpose('Strictly necessary', 'used to measure visits')).toBe('essential');
    expect(resolvePurpose('Not required', 'used to measure visits')).toBe('analytics');
  });
});

describe('category labels in German, Dutch, Italian and French', () => {
  it.each([
    ['Präferenzen', 'functional'],
    ['Funktionale Cookies', 'functional'],
    ['Statistik-Cookies', 'analytics'],
    ['Notwendige Cookies', 'essential'],
    ['Functionele cookies', 'functional'],
    ['Analytische cookies', 'analytics'],
    ['Marketingcookies', 'advertising'],
    ['Cookie di profilazione', 'advertising'],
    ['Cookie analitici', 'analytics'],
    ['Cookies de réseaux sociaux', 'advertising'],
  ])('%s -> %s', (label, purpose) => {
    expect(purposeOfCategory(label)).toBe(purpose);
  });
});

import { cleanName, looksLikeName, splitNames } from './names';

describe('names (issue 13 kinds of error)', () => {
  it('a label word glued to the name is not part of it', () => {
    expect(splitNames('Cookie_pk_id')).toEqual(['_pk_id']);
    expect(splitNames('Cookie_pk_ses')).toEqual(['_pk_ses']);
    expect(cleanName('Cookie: _ga')).toBe('_ga');
    // A name that merely starts with the word stays whole.
    expect(cleanName('CookieConsent')).toBe('CookieConsent');
    expect(cleanName('cookielawinfo-checkbox-necessary')).toBe('cookielawinfo-checkbox-necessary');
  });

  it('long names are kept (cookie names up to 4 KB are legal), prose is not', () => {
    const long = `AMP_${'a1B2c3D4'.repeat(17)}`;
    expect(long.length).toBeGreaterThan(130);
    expect(looksLikeName(long)).toBe(true);
    expect(splitNames(long)).toEqual([long]);
    expect(looksLikeName('This cookie is used to remember your preferences on this site')).toBe(false);
  });
});
