/**
 * The decision: for one observed cookie, given the site's declaration (if any), the user's choice and
 * what we know, keep or remove, and which breaches of the site's own policy it shows. Pure.
 *
 * Precedence (README "Purposes"): the site's declaration decides first. A cookie it declares non-essential
 * may be removed whatever else says; one it declares essential is kept (and flagged if known as tracking).
 * An undeclared cookie is judged by the knowledge base, then the classifier, and kept when they disagree.
 * `unknown` is always kept (and flagged). Essential is never removed.
 */
import type { Choice, Declaration, DeclaredCookie, Purpose } from '../types';
import { PatternIndex } from '../cookies/pattern';
import { cleanKnownDomain, type KnowledgeBase } from '../cookies/knowledge';
import { classifyName } from '../cookies/classify';
import { isConsentRecordName } from '../consent/record-names';
import type { UndeclaredJudge } from '../cookies/judge';
import { lifetimeBreach, TRACKING, type BreachKind, type LifetimeFacts } from '../cookies/breaches';
import { siteOfHost } from '../site';

export type { BreachKind } from '../cookies/breaches';

export type Basis = 'declaration' | 'provider' | 'knowledge' | 'classifier' | 'disagreement' | 'none';

export interface Verdict {
  purpose: Purpose;
  basis: Basis;
  /** The declared entry that matched, if any (expanded provider entries included). */
  declared: DeclaredCookie | null;
  action: 'keep' | 'remove';
  /** Kept but worth a look: unknown purpose, sources that disagree, declared essential but known as tracking. */
  flag: string | null;
  breaches: BreachKind[];
  /** Per breach, what shows it, in words (declared vs known purpose, declared vs actual lifetime, …). */
  notes: Partial<Record<BreachKind, string>>;
}

/** A declaration compiled for the hot path: names the document declared, then names expanded from providers. */
export class CompiledDeclaration {
  private readonly named = new PatternIndex<DeclaredCookie>();
  private readonly expanded = new PatternIndex<DeclaredCookie>();
  /** Registrable domains the policy names: its cookies' domains, its providers' known domains, its own. */
  private readonly namedSites = new Set<string>();

  constructor(
    readonly declaration: Declaration,
    knowledge: KnowledgeBase | null = null,
  ) {
    for (const c of declaration.cookies) {
      (c.expandedFrom ? this.expanded : this.named).add({ match: c.match, pattern: c.pattern }, c);
      const d = c.domain ? cleanKnownDomain(c.domain) : null;
      if (d) this.nameSite(d);
    }
    for (const p of declaration.providers) {
      if (p.knownAs && knowledge) for (const d of knowledge.domainsOf(p.knownAs)) this.nameSite(d);
    }
    for (const s of declaration.sources) {
      const host = /^https?:\/\/([^/:?#]+)/i.exec(s.url)?.[1];
      if (host) this.nameSite(host.toLowerCase());
    }
    this.named.freeze();
    this.expanded.freeze();
  }

  private nameSite(domain: string): void {
    const site = siteOfHost(domain);
    if (site) this.namedSites.add(site);
  }

  lookup(name: string): DeclaredCookie | undefined {
    return this.named.get(name) ?? this.expanded.get(name);
  }

  /** Does the policy name this registrable domain anywhere? */
  namesSite(site: string): boolean {
    return this.namedSites.has(site);
  }
}

/** What the policy situation is when judging. */
export type PolicyStatus = 'pending' | 'found' | 'none';

export interface DecideInput {
  name: string;
  /** The cookie's domain, normalised (lower case, no leading dot). */
  domain: string;
  policy: PolicyStatus;
  declaration: CompiledDeclaration | null;
  choice: Choice;
  knowledge: KnowledgeBase | null;
  /** What the browser says of the cookie: absent when judging a bare name. */
  observed?: LifetimeFacts & { thirdParty: boolean };
  /** The site was told no: DNT / GPC sent, or its consent record says refused. */
  toldNo?: boolean;
  /**
   * The learned judgement of cookies the site did not declare (knowledge base and model together, issue 10),
   * with what the browser says of the cookie. Without them, the knowledge base and the name patterns judge.
   */
  judge?: UndeclaredJudge | null;
  facts?: { site: string; path: string; httpOnly: boolean; secure: boolean; sameSite: string; hostOnly: boolean; expiry: number; value?: string };
}

export function allowedBy(choice: Choice, purpose: Purpose): boolean {
  switch (purpose) {
    case 'essential':
    case 'unknown':
      return true;
    case 'functional':
      return choice !== 'essential-only';
    case 'analytics':
    case 'advertising':
      return choice === 'allow-all';
  }
}

interface Judged {
  purpose: Purpose;
  basis: Basis;
  flag: string | null;
  /** What the knowledge base or the classifier says, when it speaks: for wrong-purpose evidence. */
  known: { purpose: Purpose; source: string } | null;
}

const CONSENT_RECORD: Judged = {
  purpose: 'essential',
  basis: 'knowledge',
  flag: null,
  known: { purpose: 'essential', source: 'a consent platform’s record of your answer' },
};

/** An undeclared cookie (or one declared without a purpose): the knowledge base and the classifier. */
function judgeByKnowledge(input: DecideInput): Judged {
  if (input.judge && input.facts) return judgeByModel(input, input.judge, input.facts);
  return judgeByName(input);
}

/** Below this, a model-only "functional" is not acted on (kept and flagged). */
const MIN_FUNCTIONAL_CONFIDENCE = 0.5;

/** The knowledge base and the model, as CookieBlock does; below the model's confidence threshold: unknown. */
function judgeByModel(input: DecideInput, judge: UndeclaredJudge, facts: NonNullable<DecideInput['facts']>): Judged {
  const j = judge.judgeFacts(input.name, input.domain, facts);
  if (j.purpose === 'unknown') {
    return j.source === 'knowledge-base'
      ? { purpose: 'unknown', basis: 'disagreement', flag: 'the knowledge base and the classifier disagree: kept', known: null }
      : { purpose: 'unknown', basis: 'none', flag: `purpose unknown (the classifier is ${Math.round(j.confidence * 100)} % sure at best): kept`, known: null };
  }
  // The same entry the model's features were built with (judge.kb is input.knowledge: the engine passes its own).
  const known = input.knowledge ? (judge.kb === input.knowledge ? judge.knownCookieOf(input.name, input.domain, facts.site) : input.knowledge.lookup(input.name, input.domain)) : undefined;
  // The knowledge base and the model disagree on whether it is essential, or on which side of the tracking
  // line it is (the model learnt from what embedding sites call a cookie: many call YouTube's YSC advertising
  // or functional, which the Open Cookie Database and YouTube itself call essential): keep, never guess.
  // Removing an essential cookie logs people out; keeping a preference cookie costs little.
  const crosses = known && known.purpose !== 'unknown' && known.purpose !== j.purpose &&
    (known.purpose === 'essential' || j.purpose === 'essential' || TRACKING.has(known.purpose) !== TRACKING.has(j.purpose));
  if (known && crosses) {
    return {
      purpose: 'unknown',
      basis: 'disagreement',
      flag: `knowledge base says ${known.purpose} (${known.platform}), the classifier says ${j.purpose}: kept`,
      known: null,
    };
  }
  // Functional is the model's weakest class (86 examples in its training crawl), and a necessary cookie called
  // functional is removed under "essential only": a basket or a session lost. Act on it only when sure.
  if (j.purpose === 'functional' && known?.purpose !== 'functional' && j.confidence < MIN_FUNCTIONAL_CONFIDENCE) {
    return {
      purpose: 'unknown',
      basis: 'none',
      flag: `probably functional (the classifier is ${Math.round(j.confidence * 100)} % sure): kept`,
      known: null,
    };
  }
  if (known && known.purpose === j.purpose) {
    return { purpose: j.purpose, basis: 'knowledge', flag: null, known: { purpose: j.purpose, source: `Open Cookie Database: ${known.platform}` } };
  }
  return { purpose: j.purpose, basis: 'classifier', flag: null, known: { purpose: j.purpose, source: classifierSure(j.confidence) } };
}

/** `the classifier, N % sure`, one string per whole percent (built once: this is on every undeclared cookie's path). */
const SURE: string[] = [];
function classifierSure(confidence: number): string {
  const pct = Math.round(confidence * 100);
  return (SURE[pct] ??= `the classifier, ${pct} % sure`);
}

function judgeByName(input: DecideInput): Judged {
  const known = input.knowledge?.lookup(input.name, input.domain);
  const guessed = classifyName(input.name);
  if (known && guessed !== 'unknown' && known.purpose !== 'unknown' && guessed !== known.purpose) {
    return {
      purpose: 'unknown',
      basis: 'disagreement',
      flag: `knowledge base says ${known.purpose} (${known.platform}), name says ${guessed}: kept`,
      known: null,
    };
  }
  if (known && known.purpose !== 'unknown') {
    return { purpose: known.purpose, basis: 'knowledge', flag: null, known: { purpose: known.purpose, source: `Open Cookie Database: ${known.platform}` } };
  }
  if (guessed !== 'unknown') return { purpose: guessed, basis: 'classifier', flag: null, known: { purpose: guessed, source: 'name pattern' } };
  return { purpose: 'unknown', basis: 'none', flag: 'purpose unknown: kept', known: null };
}

export function decide(input: DecideInput): Verdict {
  const declared = input.declaration?.lookup(input.name) ?? null;
  const breaches: BreachKind[] = [];
  const notes: Verdict['notes'] = {};
  let purpose: Purpose;
  let basis: Basis;
  let flag: string | null = null;

  if (declared && declared.purpose !== 'unknown') {
    purpose = declared.purpose;
    basis = declared.expandedFrom ? 'provider' : 'declaration';
    if (purpose === 'essential' || purpose === 'functional') {
      // Declared harmless, known as tracking: a breach when the evidence is not itself in dispute.
      const other = judgeByKnowledge(input);
      if (other.known && TRACKING.has(other.known.purpose) && (other.basis === 'knowledge' || other.basis === 'classifier')) {
        flag = `declared ${purpose}, but known as ${other.known.purpose} (${other.known.source})`;
        breaches.push('wrong-purpose');
        notes['wrong-purpose'] = `declared “${declared.purposeAsWritten ?? purpose}” (${purpose}); ${other.known.source} says ${other.known.purpose}`;
      }
    }
  } else {
    // Declared without a purpose the document gives ("Not required", no text): declared, so not undeclared,
    // but its purpose is judged as an undeclared cookie's is.
    // A consent platform's record of the visitor's answer is essential (issue 15), whatever its value looks like:
    // the site's own (first-party) record only, and never a name the knowledge base knows as tracking, so that
    // naming a tracker like a record (`cc_cookie_uid` on a tracker's domain) keeps nothing.
    const known = judgeByKnowledge(input);
    const record = isConsentRecordName(input.name) && input.observed?.thirdParty !== true && !(known.basis === 'knowledge' && TRACKING.has(known.purpose));
    const judged = record ? CONSENT_RECORD : known;
    purpose = judged.purpose;
    basis = judged.basis;
    flag = judged.flag;
    // Undeclared is a breach once we know what the site declared; with no policy at all, only the
    // non-essential cookies count (a site may set what it needs to work without writing it down).
    if (!declared && (input.policy === 'found' || (input.policy === 'none' && purpose !== 'essential'))) {
      breaches.push('undeclared');
      notes.undeclared = input.policy === 'found' ? 'not in the site’s cookie policy' : 'the site publishes no cookie policy';
    }
    if (declared && flag === null) flag = 'declared without a purpose';
  }

  if (declared && input.observed) {
    const note = lifetimeBreach(declared, input.observed);
    if (note) {
      breaches.push('lifetime');
      notes.lifetime = note;
    }
  }
  let action: 'keep' | 'remove' = allowedBy(input.choice, purpose) ? 'keep' : 'remove';
  // Before the site's policy is known, the classifier's word alone (no knowledge-base entry behind it) does not
  // remove: a basket cookie with a random value read as tracking would be gone before the policy, arriving a
  // moment later, says it is essential. Judged again when the policy arrives (or is known to be missing).
  if (action === 'remove' && basis === 'classifier' && input.policy === 'pending' && input.judge) {
    action = 'keep';
    flag = `the classifier says ${purpose}: kept until the site's policy is read`;
  }
  if (TRACKING.has(purpose) && (input.toldNo || action === 'remove')) {
    breaches.push('despite-refusal');
    notes['despite-refusal'] = input.toldNo
      ? `${purpose} cookie set although Do Not Track / Global Privacy Control said no`
      : `${purpose} cookie set although the user refused ${purpose} on this site`;
  }
  if (input.observed?.thirdParty && input.policy === 'found' && !declared && input.declaration) {
    const site = siteOfHost(input.domain);
    if (site && !input.declaration.namesSite(site)) {
      breaches.push('undisclosed-third-party');
      notes['undisclosed-third-party'] = `the policy names ${site} nowhere`;
    }
  }
  return { purpose, basis, declared, action, flag, breaches, notes };
}
