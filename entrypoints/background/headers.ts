/** Install the DNT / GPC header rules that lib/signals builds. */
import { browser, type Browser } from 'wxt/browser';
import { signalRules, SIGNAL_RULE_ID } from '@/lib/signals/rules';

export async function installSignalRules(enabled: boolean): Promise<void> {
  await browser.declarativeNetRequest.updateDynamicRules({
    removeRuleIds: [SIGNAL_RULE_ID],
    addRules: enabled ? (signalRules() as unknown as Browser.declarativeNetRequest.Rule[]) : [],
  });
}
