/** Lead items: a list item or paragraph led by names in bold or code, then what they do. */
import type { Block } from './blocks';
import { looksTechnical, splitNames } from './names';
import type { Collector, Context } from './collector';
import { readRecord, recordLines } from './key-value';

/** "**_ga**: description", "`_ga` + `_gid` – description": names led by bold or code. */
export function readLeadItem(
  block: Extract<Block, { kind: 'item' | 'paragraph' }>,
  context: Context,
  out: Collector,
): boolean {
  if (!block.lead && block.codes.length === 0) return false;
  const m = /^(.{1,120}?)(?:\s*[:：](?:\s+|$)|\s+[–—-]\s+|\s*\(|$)/.exec(block.text.split('\n')[0]!);
  if (!m) return false;
  const head = m[1]!;
  const codesInHead = block.codes.filter((c) => head.includes(c));
  if (!block.lead && codesInHead.length === 0) return false;
  if (block.lead && !head.startsWith(block.lead) && codesInHead.length === 0) return false;
  const names = splitNames(head, codesInHead);
  if (names.length === 0) return false;
  // Bold prose ("**Contributors**: ...") is not a name: without code formatting, names must look technical,
  // or have a record below them ("**blogroll**" then "Type: sessionStorage", "Duration: session").
  const below = block.text.slice(m[0].length).split('\n');
  if (codesInHead.length === 0 && !names.every(looksTechnical) && recordLines(below) === 0) return false;
  // Every part of the head must be a name or a joiner: otherwise this is prose that starts in bold.
  const leftover = codesInHead.length > 0 ? head.replace(/`/g, '') : head;
  const rest = names.reduce((s, n) => s.replace(n, ''), leftover).replace(/[\s,;:+&/*`'"]|\b(?:and|or|et|ou|und|oder|y|o|e|a)\b/g, '');
  if (rest.length > 0) return false;
  readRecord(names, below, context, out);
  return true;
}
