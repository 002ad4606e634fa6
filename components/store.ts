/** View state for the popup and options pages (zustand): a mirror of what the background owns. */
import { create } from 'zustand';
import type { Settings, SettingsView, SiteView } from '@/lib/messages';
import type { CookieException, UnknownCookies } from '@/lib/types';
import type { ImportResult } from '@/lib/storage/transfer';
import type { Choice } from '@/lib/types';
import { send } from './api';

interface UiState {
  view: SiteView | null;
  settings: SettingsView | null;
  error: string | null;
  /** The choice was changed from this popup: the page may need a reload to show what it allows now. */
  choiceChanged: boolean;
  loadView: (tabId: number) => Promise<void>;
  loadSettings: () => Promise<void>;
  setSiteChoice: (site: string, choice: Choice | null, tabId: number | null) => Promise<void>;
  setDefaultChoice: (choice: Choice) => Promise<void>;
  setPaused: (paused: boolean) => Promise<void>;
  setRetention: (days: number) => Promise<void>;
  importSettings: (data: unknown) => Promise<ImportResult | null>;
  resetSettings: () => Promise<void>;
  setCookieException: (site: string, name: string, rule: CookieException | null) => Promise<void>;
  setUnknownCookies: (value: UnknownCookies) => Promise<void>;
  setSendSignals: (on: boolean) => Promise<void>;
  setAnswerBanners: (on: boolean) => Promise<void>;
  setSiteBanners: (site: string, on: boolean | null, tabId: number) => Promise<void>;
  clearHistory: () => Promise<number | null>;
  refreshPolicy: (tabId: number) => Promise<void>;
}

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

export const useUi = create<UiState>((set, get) => {
  /** Send a request that answers with the settings, and mirror them. */
  async function settingsCall(run: () => Promise<SettingsView>): Promise<void> {
    try {
      set({ settings: await run(), error: null });
    } catch (err) {
      set({ error: message(err) });
    }
  }
  return {
    view: null,
    settings: null,
    error: null,
    choiceChanged: false,
    async loadView(tabId) {
      try {
        set({ view: await send({ type: 'get-site-view', tabId }), error: null });
      } catch (err) {
        set({ error: message(err) });
      }
    },
    loadSettings: () => settingsCall(() => send({ type: 'get-settings' })),
    async setSiteChoice(site, choice, tabId) {
      await settingsCall(() => send({ type: 'set-site-choice', site, choice }));
      // The rows follow at once: the background has judged every cookie again.
      if (tabId !== null) {
        set({ choiceChanged: true });
        await get().loadView(tabId);
      }
    },
    setDefaultChoice: (choice) => settingsCall(() => send({ type: 'set-default-choice', choice })),
    setPaused: (paused) => settingsCall(() => send({ type: 'set-paused', paused })),
    setRetention: (days) => settingsCall(() => send({ type: 'set-retention', days })),
    async importSettings(data) {
      try {
        const result = await send({ type: 'import-settings', data });
        if (result.ok) set({ settings: result.settings, error: null });
        return result;
      } catch (err) {
        set({ error: message(err) });
        return null;
      }
    },
    resetSettings: () => settingsCall(() => send({ type: 'reset-settings' })),
    setCookieException: (site, name, rule) => settingsCall(() => send({ type: 'set-cookie-exception', site, name, rule })),
    setUnknownCookies: (value) => settingsCall(() => send({ type: 'set-unknown-cookies', value })),
    setSendSignals: (on) => settingsCall(() => send({ type: 'set-send-signals', on })),
    setAnswerBanners: (on) => settingsCall(() => send({ type: 'set-answer-banners', on })),
    async setSiteBanners(site, on, tabId) {
      await settingsCall(() => send({ type: 'set-site-banners', site, on }));
      await get().loadView(tabId);
    },
    async clearHistory() {
      try {
        return (await send({ type: 'clear-history' })).cleared;
      } catch (err) {
        set({ error: message(err) });
        return null;
      }
    },
    async refreshPolicy(tabId) {
      try {
        set({ view: await send({ type: 'refresh-policy', tabId }), error: null });
      } catch (err) {
        set({ error: message(err) });
      }
    },
  };
});
