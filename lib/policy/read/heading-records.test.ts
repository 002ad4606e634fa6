/** Issue 13: a heading per cookie, its text or key-value lines below it; display names spell known cookies. */
import { describe, expect, it } from 'vitest';
import { readDocument } from './read';
import { loadKnowledge } from '../../../scripts/knowledge-node';

const knowledge = loadKnowledge();
const read = (text: string, hint?: 'markdown') => readDocument(text, { url: 'https://x.test/cookies', knowledge, hint });

describe('a heading per cookie', () => {
  it('reads each heading as a name and the paragraph below as what it does', () => {
    const d = read(
      `# Cookies\n\n### csrf_token\n\nSchützt Formulare vor Angriffen.\n\n### ui_lang\n\nSpeichert die Sprache.\n\n### timezoneoffset\n\nThe offset of your clock.\n\n## Kontakt\n\nSchreiben Sie uns.\n`,
      'markdown',
    );
    expect(d.cookies.map((c) => c.name)).toEqual(['csrf_token', 'ui_lang', 'timezoneoffset']);
    expect(d.cookies[0]!.purpose).toBe('essential');
  });

  it('takes key-value lines under a heading as the record', () => {
    const d = read(`## Egna cookies\n\n### sid_x\n\nTyp: cookie\n\nLagringstid: 2 år\n\n### pref_y\n\nTyp: sessionStorage\n`, 'markdown');
    expect(d.cookies.map((c) => [c.name, c.durationSeconds])).toEqual([['sid_x', 2 * 365 * 86400]]);
    expect(d.storage).toMatchObject([{ key: 'pref_y', storage: 'sessionStorage' }]);
  });

  it('a display name names the known cookie it spells, or by the anchor a translation kept', () => {
    const d = read(
      `## Cookies\n\n#### <a name="xsrf-token"></a>Jeton anti-falsification\n\nProtège les formulaires.\n\n#### PHP Sess Id\n\nGarde votre session.\n\n#### _app_seen\n\nMémorise la bannière.\n`,
      'markdown',
    );
    expect(d.cookies.map((c) => c.name)).toEqual(['XSRF-TOKEN', 'PHPSESSID', '_app_seen']);
  });

  it('a display name that spells no known cookie is left out with a warning', () => {
    const d = read(`## Cookies\n\n### _a_id\n\nCounts visits.\n\n### _b_id\n\nCounts visits.\n\n### Our Widget Thing\n\nShows a widget.\n`, 'markdown');
    expect(d.cookies.map((c) => c.name)).toEqual(['_a_id', '_b_id']);
    expect(d.warnings.join('\n')).toMatch(/Our Widget Thing/);
  });

  it('a display name with the name in code below it names that cookie', () => {
    const d = read(`## Cookies\n\n### _a_id\n\nCounts visits.\n\n### _b_id\n\nCounts visits.\n\n### Shop Basket\n\nThe \`shop_bsk\` cookie keeps your basket.\n`, 'markdown');
    expect(d.cookies.map((c) => c.name)).toEqual(['_a_id', '_b_id', 'shop_bsk']);
  });

  it('section headings with prose are not cookies (the control)', () => {
    const d = read(`## Cookies\n\n### Overview\n\nWe use cookies.\n\n### Your Choices\n\nYou may refuse them.\n\n### Contact\n\nWrite to us.\n`, 'markdown');
    expect(d.cookies).toEqual([]);
  });
});

describe('a name led by bold with a record below it', () => {
  it('"**blogroll**" then "Typ: sessionStorage" is a storage key, not a cookie', () => {
    const d = read(`## Egna cookies\n\n**prefs**\\\nKommer ihåg valet.\\\nTyp: localStorage\\\nLagringstid: tills vidare\n\n**blogroll**\\\nScrollposition.\\\nTyp: sessionStorage\n`, 'markdown');
    expect(d.cookies).toEqual([]);
    expect(d.storage.map((s) => [s.key, s.storage])).toEqual([['prefs', 'localStorage'], ['blogroll', 'sessionStorage']]);
  });
});

describe('a lifetime stated in the text about a cookie', () => {
  it('"deleted when the session ends", in German, Spanish and French', () => {
    const d = read(
      `## Cookies\n\n### sid_de\n\nDas Cookie wird nach Abschluss der Sitzung gelöscht.\n\n### sid_es\n\nLa cookie se elimina después del cierre de la sesión.\n\n### sid_fr\n\nLe cookie est supprimé à la fin de la session.\n\n### keep_x\n\nIdentifie la session. Il expire après 30 jours.\n`,
      'markdown',
    );
    expect(d.cookies.map((c) => [c.name, c.durationSeconds])).toEqual([['sid_de', 0], ['sid_es', 0], ['sid_fr', 0], ['keep_x', null]]);
  });
});
