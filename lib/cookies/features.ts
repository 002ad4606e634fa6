/**
 * Features of one cookie for the purpose classifier (lib/cookies/model.ts). Pure, browser-free.
 *
 * A cookie becomes a sparse vector in one fixed space:
 *   - dense slots [0, DENSE): shape of the name, the domain against the site, what the knowledge base says
 *     (as evidence, not as an override), what other sites' consent platforms said about the name (the
 *     model's own table), lifetime, attributes, and the shape of the value;
 *   - hashed slots [DENSE, DENSE + buckets): name tokens, the name's shape, prefixes, character trigrams, and
 *     the registrable domain of a third-party cookie.
 *
 * The value is read in memory to measure its shape (length, entropy, character classes, looks like an id, a
 * timestamp, JSON, a URL, base64) and is never stored: only those numbers leave value-features.ts.
 *
 * The part that depends only on the name, the domain and the site ("static") is computed once and cached by
 * the caller (lib/cookies/judge.ts); the part that changes with each update ("dynamic": lifetime, attributes,
 * value) is cheap and allocation-free.
 *
 * The code sits in one file per concern, re-exported here: feature-space.ts (what the classifier sees, the
 * classes, the dense slots, the sparse vector), name-features.ts (the static part), update-features.ts
 * (lifetime and attributes) and value-features.ts (the value's shape).
 */
export * from './feature-space';
export * from './name-features';
export * from './update-features';
export { hash32, nameShape, nameTokens } from './name-pieces';
