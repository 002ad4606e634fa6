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
import type { KnowledgeBase } from '../cookies/knowledge';
import { classifyName } from '../cookies/classify';

export type Basis = 'declaration' | 'provider' | 'knowledge' | 'classifier' | 'disagreement' | 'none';

export type BreachKind = 'undeclared';

export interface Verdict {
  purpose: Purpose;
  basis: Basis;
  /** The declared entry that matched, if any (expanded provider entries included). */
  declared: DeclaredCookie | null;
  action: 'keep' | 'remove';
  /** Kept but worth a look: unknown purpose, sources that disagree, declared essential but known as tracking. */
  flag: string | null;
  breaches: BreachKind[];
}

/** A declaration compiled for the hot path: names the document declared, then names expanded from providers. */
export class CompiledDeclaration {
  private readonly named = new PatternIndex<DeclaredCookie>();
  private readonly expanded = new PatternIndex<DeclaredCookie>();

  constructor(readonly declaration: Declaration) {
    for (const c of declaration.cookies) {
      (c.expandedFrom ? this.expanded : this.named).add({ match: c.match, pattern: c.pattern }, c);
    }
    this.named.freeze();
    this.expanded.freeze();
  }

  lookup(name: string): DeclaredCookie | undefined {
    return this.named.get(name) ?? this.expanded.get(name);
  }
}

/** What the site's policy situation is when judging. */
export type PolicyStatus = 'pending' | 'found' | 'none';

export interface DecideInput {
  name: string;
  domain: string;
  policy: PolicyStatus;
  declaration: CompiledDeclaration | null;
  choice: Choice;
  knowledge: KnowledgeBase | null;
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

const TRACKING: ReadonlySet<Purpose> = new Set(['analytics', 'advertising']);

export function decide(input: DecideInput): Verdict {
  const declared = input.declaration?.lookup(input.name) ?? null;
  const breaches: BreachKind[] = [];
  // Declared without a purpose the document gives ("Not required", no text): declared, so no breach, but
  // its purpose is judged as an undeclared cookie's is.
  if (declared && declared.purpose !== 'unknown') {
    const purpose = declared.purpose;
    let flag: string | null = null;
    if (purpose === 'essential') {
      const known = input.knowledge?.lookup(input.name, input.domain);
      if (known && TRACKING.has(known.purpose)) flag = `declared essential, but known as ${known.purpose} (${known.platform})`;
    }
    return {
      purpose,
      basis: declared.expandedFrom ? 'provider' : 'declaration',
      declared,
      action: allowedBy(input.choice, purpose) ? 'keep' : 'remove',
      flag,
      breaches,
    };
  }
  const known = input.knowledge?.lookup(input.name, input.domain);
  const guessed = classifyName(input.name);
  let purpose: Purpose;
  let basis: Basis;
  let flag: string | null = null;
  if (known && guessed !== 'unknown' && known.purpose !== 'unknown' && guessed !== known.purpose) {
    purpose = 'unknown';
    basis = 'disagreement';
    flag = `knowledge base says ${known.purpose} (${known.platform}), name says ${guessed}: kept`;
  } else if (known && known.purpose !== 'unknown') {
    purpose = known.purpose;
    basis = 'knowledge';
  } else if (guessed !== 'unknown') {
    purpose = guessed;
    basis = 'classifier';
  } else {
    purpose = 'unknown';
    basis = 'none';
    flag = 'purpose unknown: kept';
  }
  // Undeclared is a breach once we know what the site declared; with no policy at all, only the
  // non-essential cookies count (a site may set what it needs to work without writing it down).
  if (!declared && (input.policy === 'found' || (input.policy === 'none' && purpose !== 'essential'))) breaches.push('undeclared');
  if (declared && flag === null) flag = 'declared without a purpose';
  return {
    purpose,
    basis,
    declared,
    action: allowedBy(input.choice, purpose) ? 'keep' : 'remove',
    flag,
    breaches,
  };
}
