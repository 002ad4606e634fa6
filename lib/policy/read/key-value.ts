/** Key-value records: "Name: x / Purpose: y / Duration: z" in lines, small headings or two-column tables. */
import { roleOfHeader } from './columns';
import { splitNames } from './names';
import { purposeOfCategory } from './purpose';
import { technologyOf, type Collector, type Context, type RowFacts } from './collector';

export const KV_LABEL = /^\s*([A-Za-zÀ-ÿ' ]{2,40}?)\s*[:：]\s*(.*)$/;

type Record = RowFacts & { skip?: boolean };

/** A type or category value: Termly writes the technology (http_cookie, html_local_storage, pixel_tracker). */
function typeOf(facts: Record, value: string): void {
  const technology = technologyOf(value);
  if (technology === 'notStored' || /pixel|tracker|beacon|web.?bug/i.test(value)) facts.skip = true;
  else if (technology || /local.?storage|session.?storage/i.test(value)) {
    facts.isKey = true;
    facts.storage = technology ?? (/session.?storage/i.test(value) ? 'sessionStorage' : 'localStorage');
  }
  else if (purposeOfCategory(value)) facts.categoryLabel = value;
}

/**
 * One cookie's record when its name stands apart (a heading, a bold lead): the lines below it are key-value
 * lines ("Typ: sessionStorage", "Lagringstid: 1 år") or text about what it does.
 */
export function readRecord(names: string[], lines: string[], context: Context, out: Collector): void {
  const facts: Record = { names, isKey: false, categoryLabel: null, purposeText: null, duration: null, provider: null, domain: null };
  const text: string[] = [];
  for (const line of lines) {
    const m = KV_LABEL.exec(line);
    const role = m ? roleOfHeader(m[1]!, true) : null;
    const value = m?.[2]!.trim() ?? '';
    if (role === 'duration') facts.duration = value;
    else if (role === 'provider') facts.provider = value;
    else if (role === 'domain') facts.domain = value;
    else if (role === 'category' || role === 'storageType') typeOf(facts, value);
    else if (role === 'purpose') text.unshift(value);
    else if (line.trim()) text.push(line.trim());
  }
  facts.purposeText = text.join(' ') || null;
  if (!facts.skip) out.add(facts, [context]);
}

/** Lines that give a record's facts ("Type: …", "Duration: …", "Provider: …"): a name stands above them. */
export function recordLines(lines: string[]): number {
  let n = 0;
  for (const line of lines) {
    const m = KV_LABEL.exec(line);
    const role = m ? roleOfHeader(m[1]!, true) : null;
    if (role === 'duration' || role === 'category' || role === 'storageType' || role === 'provider') n++;
  }
  return n;
}

/** Key-value blocks: "Name: x / Purpose: y / Duration: z", one cookie per "Name:" line. */
export class KeyValueReader {
  private current: (Record & { context: Context }) | null = null;

  constructor(private readonly out: Collector) {}

  /** Feed one line; returns true when the line belonged to a key-value block. */
  line(line: string, context: Context, parentLead: string | null): boolean {
    const m = KV_LABEL.exec(line);
    if (!m) return false;
    const role = roleOfHeader(m[1]!);
    const value = m[2]!.trim();
    if (role === 'name' || role === 'key') {
      const names = splitNames(value);
      if (names.length === 0) return false;
      this.flush();
      this.current = {
        names,
        isKey: role === 'key',
        categoryLabel: null,
        purposeText: null,
        duration: null,
        provider: parentLead,
        domain: null,
        context,
      };
      return true;
    }
    if (!this.current || !role) return false;
    switch (role) {
      case 'purpose':
        this.current.purposeText = value;
        break;
      case 'duration':
        this.current.duration = value;
        break;
      case 'provider':
        this.current.provider = value;
        break;
      case 'domain':
        this.current.domain = value;
        break;
      case 'category':
      case 'storageType':
        typeOf(this.current, value);
        break;
      default:
        break;
    }
    return true;
  }

  flush(): void {
    if (!this.current) return;
    const c = this.current;
    this.current = null;
    if (!c.skip) this.out.add(c, [c.context]);
  }
}
