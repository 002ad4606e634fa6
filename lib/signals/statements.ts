/**
 * What a document says about Do Not Track and Global Privacy Control.
 */
import type { SignalStance, SignalStatement } from '../types';

const DNT = /\bdo[- ]not[- ]track\b|\bDNT\b|ne pas (?:me )?(?:suivre|pister)|nicht verfolgen|no rastrear|niet volgen|non tracciare/i;
const GPC = /\bglobal privacy control\b|\bGPC\b|contr[oô]le global de (?:la )?confidentialit[eé]/i;
const IGNORED =
  /\b(?:do(?:es)? not|don't|doesn't|do not currently|not currently|currently (?:do not|don't)|cannot|can't|won't|will not|unable to|(?:are|is) not able to|not set up to)\s+(?:\w+\s+){0,3}?(?:respond|honou?r|recogni[sz]e|support|act on|react|alter|change|respect|comply|process|interpret)|\bignore[sd]?\b|\bno (?:uniform|common|industry|consensus|agreed)|not (?:yet )?(?:been )?(?:agreed|standardi[sz]ed)|ne (?:r[ée]pond|reconna[iî]t|respecte|tient pas compte)|nicht (?:reagier|beacht|unterst|ber[uü]cksichtig)|no (?:respond|reconoc|atend)/i;
const HONORED =
  /\b(?:honou?rs?|honou?red|honou?ring|respects?|respected|respond(?:s)? to|comply|complies|recogni[sz]es?|support(?:s)? (?:the )?(?:do|dnt|gpc|global)|treat(?:s)? .{0,40} as|opt[- ]?(?:s )?(?:you )?out|(?:using|enabling|turning on|sending) (?:the |a )?(?:do[- ]not[- ]track|dnt|global privacy control|gpc)|when (?:we|our \w+) (?:receive|detect)s? (?:a |the )?(?:do[- ]not[- ]track|dnt|gpc|global privacy control))|respecte|beachte|respetamos/i;
// A statement about what the site does names someone who acts: "we", "our site", "Mozilla does".
const ACTOR = /\b(?:we|our|us|this (?:web)?site|the (?:web)?site|the service|[A-Z][\w.]+ (?:does|do|will|is|are)|nous|wir|nosotros|wij)\b/i;

const MAX_SENTENCE = 400;

function stanceOf(raw: string): SignalStance {
  const sentence = raw.replace(/[\u2018\u2019\u02bc]/g, "'");
  if (!ACTOR.test(sentence) && !/\b(?:browser|header|signal)s?\b.*\b(?:honou?r|respect|ignore)/i.test(sentence)) return 'unspecified';
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
