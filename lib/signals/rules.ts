/**
 * Do Not Track and Global Privacy Control as declarativeNetRequest rules: plain data. Chromium ships them as
 * a static ruleset (public/rules/signals.json, checked against signalRules() by rules.test.ts), enabled by
 * default, so the very first request after install or browser start carries them; the background only
 * switches the ruleset with `updateEnabledRulesets`. Firefox MV2 has no static rulesets: a blocking
 * `onBeforeSendHeaders` listener applies withSignalHeaders() instead.
 */

/** The id of the rule inside the static ruleset (and of the dynamic rule older versions installed). */
export const SIGNAL_RULE_ID = 1;
/** The manifest's `declarative_net_request.rule_resources[].id` and the file it names (from public/). */
export const SIGNAL_RULESET_ID = 'signals';
export const SIGNAL_RULESET_PATH = 'rules/signals.json';

/** The resource types listed explicitly: a rule without `main_frame` would miss navigations. */
export const ALL_RESOURCE_TYPES = [
  'main_frame', 'sub_frame', 'stylesheet', 'script', 'image', 'font', 'object', 'xmlhttprequest', 'ping',
  'csp_report', 'media', 'websocket', 'other',
] as const;

export interface HeaderRule {
  id: number;
  priority: number;
  action: {
    type: 'modifyHeaders';
    requestHeaders: Array<{ header: string; operation: 'set'; value: string }>;
  };
  condition: { resourceTypes: string[] };
}

/** Headers every request carries while the option is on. */
export const SIGNAL_HEADERS: Readonly<Record<string, string>> = { DNT: '1', 'Sec-GPC': '1' };

export function signalRules(): HeaderRule[] {
  return [
    {
      id: SIGNAL_RULE_ID,
      priority: 1,
      action: {
        type: 'modifyHeaders',
        requestHeaders: Object.entries(SIGNAL_HEADERS).map(([header, value]) => ({ header, operation: 'set' as const, value })),
      },
      condition: { resourceTypes: [...ALL_RESOURCE_TYPES] },
    },
  ];
}

export interface HttpHeader {
  name: string;
  value?: string;
  /** Kept as it is (the browser's type: bytes). */
  binaryValue?: unknown;
}

/**
 * Firefox's blocking listener: the request's headers with DNT and Sec-GPC set (an existing value, in any
 * letter case, is replaced, never duplicated). Returns a new array; the input is not changed.
 */
export function withSignalHeaders<H extends HttpHeader>(headers: readonly H[] | undefined): Array<H | HttpHeader> {
  const names = new Set(Object.keys(SIGNAL_HEADERS).map((n) => n.toLowerCase()));
  const out: Array<H | HttpHeader> = (headers ?? []).filter((h) => !names.has(h.name.toLowerCase()));
  for (const [name, value] of Object.entries(SIGNAL_HEADERS)) out.push({ name, value });
  return out;
}
