/**
 * What a document says about Do Not Track and Global Privacy Control.
 */
import type { SignalStance, SignalStatement } from '../types';

const DNT = /\bdo[- ]not[- ]track\b|\bDNT\b|ne pas (?:me )?(?:suivre|pister)|nicht verfolgen|no rastrear|niet volgen|non tracciare/i;
const GPC = /\bglobal privacy control\b|\bGPC\b|contr[oô]le global de (?:la )?confidentialit[eé]/i;
const IGNORED =
  /\b(?:do not|don't|does not|doesn't|not currently|currently not|no(?:t)? (?:respond|honou?r|recogni[sz]e)|cannot|can't|won't|will not|unable to|ignore|there is no (?:uniform|common|industry)|no (?:uniform|common|industry)[- ]standard|not (?:yet )?(?:able|possible))\b|ne (?:r[ée]pond|reconna[iî]t|respecte)|nicht (?:reagier|beacht|unterst)|no (?:respond|reconoc|atend)/i;
const HONORED = /\b(?:honou?rs?|honou?red|respects?|respected|respond(?:s)? to|comply|complies|recogni[sz]es?|treat(?:s)? .{0,40} as (?:a|an) (?:valid )?(?:opt[- ]out|request)|opt(?:s)? you out|we will not track)\b|respecte|beachte|respetamos/i;

const MAX_SENTENCE = 400;

function stanceOf(raw: string): SignalStance {
  const sentence = raw.replace(/[\u2018\u2019\u02bc]/g, "'");
  if (IGNORED.test(sentence)) return 'ignored';
  if (HONORED.test(sentence)) return 'honored';
  return 'unspecified';
}

/** Split text into sentences (bounded) and judge the first one that speaks of each signal. */
export function findStatements(text: string): { dnt: SignalStatement; gpc: SignalStatement } {
  const result = {
    dnt: { stance: 'unspecified' as SignalStance, sentence: null as string | null },
    gpc: { stance: 'unspecified' as SignalStance, sentence: null as string | null },
  };
  const sentences = text.slice(0, 2_000_000).split(/(?<=[.!?])\s+|\n+/);
  for (const raw of sentences) {
    const s = raw.trim();
    if (s.length === 0) continue;
    for (const [key, re] of [['dnt', DNT], ['gpc', GPC]] as const) {
      const slot = result[key];
      if (slot.stance !== 'unspecified' || !re.test(s)) continue;
      const stance = stanceOf(s);
      if (slot.sentence === null) slot.sentence = s.slice(0, MAX_SENTENCE);
      if (stance !== 'unspecified') {
        slot.stance = stance;
        slot.sentence = s.slice(0, MAX_SENTENCE);
      }
    }
  }
  return result;
}
