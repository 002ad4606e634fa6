/** Key-value records: "Name: x / Purpose: y / Duration: z" in lines, small headings or two-column tables. */
import { roleOfHeader } from './columns';
import { splitNames } from './names';
import { purposeOfCategory } from './purpose';
import type { Collector, Context, RowFacts } from './collector';

const KV_LABEL = /^\s*([A-Za-zÀ-ÿ' ]{2,40}?)\s*[:：]\s*(.*)$/;

/** Key-value blocks: "Name: x / Purpose: y / Duration: z", one cookie per "Name:" line. */
export class KeyValueReader {
  private current: (RowFacts & { context: Context; skip?: boolean }) | null = null;

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
        // Termly writes the technology: http_cookie, server_cookie, html_local_storage, pixel_tracker.
        if (/local.?storage|session.?storage/i.test(value)) this.current.isKey = true;
        else if (/pixel|tracker|beacon|web.?bug/i.test(value)) this.current.skip = true;
        else if (purposeOfCategory(value)) this.current.categoryLabel = value;
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
