import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
export const EXTENSION_DIRS = {
  chromium: path.join(ROOT, '.output/chrome-mv3'),
  firefox: path.join(ROOT, '.output/firefox-mv2'),
};

/** Never skip: a missing browser or build is a failure that says how to fix it. */
export function assertBrowser(executable: string): void {
  if (!existsSync(executable)) {
    throw new Error(
      `${executable} is missing. Install it: sudo apt-get install -y chromium firefox-esr (bash .ci/run does this).`,
    );
  }
  for (const dir of Object.values(EXTENSION_DIRS)) {
    if (!existsSync(path.join(dir, 'manifest.json'))) throw new Error(`${dir} is missing: run npm run build first.`);
  }
}
