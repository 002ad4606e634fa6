/**
 * Do Not Track and Global Privacy Control as declarativeNetRequest rules: plain data the background
 * installs. Every request, main frames included, carries `DNT: 1` and `Sec-GPC: 1`.
 */

export const SIGNAL_RULE_ID = 1;

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

export function signalRules(): HeaderRule[] {
  return [
    {
      id: SIGNAL_RULE_ID,
      priority: 1,
      action: {
        type: 'modifyHeaders',
        requestHeaders: [
          { header: 'DNT', operation: 'set', value: '1' },
          { header: 'Sec-GPC', operation: 'set', value: '1' },
        ],
      },
      condition: { resourceTypes: [...ALL_RESOURCE_TYPES] },
    },
  ];
}

/** Headers the background adds to its own policy fetches (its requests are not rewritten by its rules everywhere). */
export const SIGNAL_HEADERS: Readonly<Record<string, string>> = { DNT: '1', 'Sec-GPC': '1' };
