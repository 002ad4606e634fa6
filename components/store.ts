/** View state for the popup and options pages (zustand): a mirror of what the background owns. */
import { create } from 'zustand';
import type { SettingsView, SiteView } from '@/lib/messages';
import type { Choice } from '@/lib/types';
import { send } from './api';

interface UiState {
  view: SiteView | null;
  settings: SettingsView | null;
  error: string | null;
  loadView: (tabId: number) => Promise<void>;
  loadSettings: () => Promise<void>;
  setSiteChoice: (site: string, choice: Choice | null, tabId: number) => Promise<void>;
  setDefaultChoice: (choice: Choice) => Promise<void>;
  setSendSignals: (on: boolean) => Promise<void>;
  refreshPolicy: (tabId: number) => Promise<void>;
}

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

export const useUi = create<UiState>((set, get) => ({
  view: null,
  settings: null,
  error: null,
  async loadView(tabId) {
    try {
      set({ view: await send({ type: 'get-site-view', tabId }), error: null });
    } catch (err) {
      set({ error: message(err) });
    }
  },
  async loadSettings() {
    try {
      set({ settings: await send({ type: 'get-settings' }), error: null });
    } catch (err) {
      set({ error: message(err) });
    }
  },
  async setSiteChoice(site, choice, tabId) {
    try {
      set({ settings: await send({ type: 'set-site-choice', site, choice }) });
      await get().loadView(tabId);
    } catch (err) {
      set({ error: message(err) });
    }
  },
  async refreshPolicy(tabId) {
    try {
      set({ view: await send({ type: 'refresh-policy', tabId }), error: null });
    } catch (err) {
      set({ error: message(err) });
    }
  },
  async setSendSignals(on) {
    try {
      set({ settings: await send({ type: 'set-send-signals', on }) });
    } catch (err) {
      set({ error: message(err) });
    }
  },
  async setDefaultChoice(choice) {
    try {
      set({ settings: await send({ type: 'set-default-choice', choice }) });
    } catch (err) {
      set({ error: message(err) });
    }
  },
}));
