/**
 * A local WXT module: every build ships `LICENSE` (ours) and `THIRD_PARTY_NOTICES.txt`, the licence and notice
 * texts of everything the build bundles, so each store zip carries them (issue 16). The package list is not
 * written by hand: a Vite plugin records every node_modules package whose code ends up in an output chunk,
 * in every build step (background, pages, each content script), and the file is written with the public
 * assets, which WXT copies after the last step. Data we ship (the Open Cookie Database in the knowledge index,
 * CookieBlock's when data/cookieblock/ exists) is listed first, with its licence.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Plugin } from 'vite';
import { defineWxtModule } from 'wxt/modules';

interface PackageInfo {
  name: string;
  version: string;
  license: string;
  author: string | null;
  homepage: string | null;
  dir: string;
}

const LICENSE_FILE = /^(licen[cs]e|copying|notice)(\.(md|txt))?$/i;

/** The package a bundled module id comes from (the innermost node_modules/<name>), or null. */
export function packageDirOf(id: string): string | null {
  const clean = id.replace(/^\0/, '').split('?')[0]!.replaceAll('\\', '/');
  const at = clean.lastIndexOf('/node_modules/');
  if (at < 0) return null;
  const rest = clean.slice(at + '/node_modules/'.length).split('/');
  const name = rest[0]!.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]!;
  return `${clean.slice(0, at)}/node_modules/${name}`;
}

function packageInfo(dir: string): PackageInfo | null {
  const file = path.join(dir, 'package.json');
  if (!existsSync(file)) return null;
  const pkg = JSON.parse(readFileSync(file, 'utf8')) as {
    name: string;
    version: string;
    license?: string;
    author?: string | { name?: string };
    homepage?: string;
    repository?: string | { url?: string };
  };
  const author = typeof pkg.author === 'string' ? pkg.author : (pkg.author?.name ?? null);
  const repo = typeof pkg.repository === 'string' ? pkg.repository : (pkg.repository?.url ?? null);
  return { name: pkg.name, version: pkg.version, license: pkg.license ?? 'see package', author, homepage: pkg.homepage ?? repo, dir };
}

const MIT = (holder: string) => `MIT License

Copyright (c) ${holder}

Permission is hereby granted, free of charge, to any person obtaining a copy of this software and associated
documentation files (the "Software"), to deal in the Software without restriction, including without limitation
the rights to use, copy, modify, merge, publish, distribute, sublicense, and/or sell copies of the Software, and to
permit persons to whom the Software is furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all copies or substantial portions of the
Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED, INCLUDING BUT NOT LIMITED TO THE
WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR
COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR
OTHERWISE, ARISING FROM, OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.`;

function licenceTexts(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => LICENSE_FILE.test(f))
    .sort()
    .map((f) => readFileSync(path.join(dir, f), 'utf8').trim());
}

const RULE = '='.repeat(100);

/** The notices file: our data first, then each bundled package (name order) with its licence text. */
export function noticesText(root: string, packageDirs: Iterable<string>): string {
  const parts: string[] = [
    'Cookie Warden bundles the data and the software below. Each is listed with its licence and notices.',
    'Cookie Warden itself: MIT (LICENSE).',
  ];
  const ocd = path.join(root, 'data/open-cookie-database');
  if (existsSync(ocd)) {
    parts.push(
      `${RULE}\nOpen Cookie Database (data, compiled into the knowledge index)\n` +
        'https://github.com/jkwakman/Open-Cookie-Database, © its contributors. Licence: Apache-2.0.\n' +
        'Changes: the JSON is compiled into a compact index (names, wildcard flag, platform, category mapped to a ' +
        'purpose, retention, domain); descriptions and links are left out.\n\n' +
        licenceTexts(ocd).join('\n\n'),
    );
  }
  const cookieblock = path.join(root, 'data/cookieblock');
  if (existsSync(cookieblock)) {
    parts.push(`${RULE}\nCookieBlock (data)\nhttps://github.com/dibollinger/CookieBlock. Licence: MIT.\n\n${licenceTexts(cookieblock).join('\n\n')}`);
  }
  const infos = [...new Set(packageDirs)]
    .map(packageInfo)
    .filter((p): p is PackageInfo => p !== null)
    .sort((a, b) => a.name.localeCompare(b.name));
  for (const p of infos) {
    const texts = licenceTexts(p.dir);
    const body = texts.length ? texts.join('\n\n') : p.license === 'MIT' ? MIT(p.author ?? `the ${p.name} authors`) : `Licence: ${p.license} (no licence file in the package)`;
    parts.push(`${RULE}\n${p.name} ${p.version}${p.homepage ? ` (${p.homepage.replace(/^git\+/, '')})` : ''}\nLicence: ${p.license}\n\n${body}`);
  }
  return parts.join('\n\n') + '\n';
}

export default defineWxtModule({
  name: 'cookie-warden-notices',
  setup(wxt) {
    const bundled = new Set<string>();
    const collect: Plugin = {
      name: 'cookie-warden-bundled-packages',
      generateBundle(_options, bundle) {
        for (const chunk of Object.values(bundle)) {
          if (chunk.type !== 'chunk') continue;
          for (const [id, mod] of Object.entries(chunk.modules)) {
            const dir = mod.renderedLength > 0 ? packageDirOf(id) : null;
            if (dir) bundled.add(dir);
          }
        }
      },
    };
    wxt.hooks.hook('build:before', () => bundled.clear());
    wxt.hooks.hook('vite:build:extendConfig', (_entrypoints, config) => {
      config.plugins = [...(config.plugins ?? []), collect];
    });
    wxt.hooks.hook('build:publicAssets', (_wxt, files) => {
      const root = wxt.config.root;
      files.push({ relativeDest: 'THIRD_PARTY_NOTICES.txt', contents: noticesText(root, bundled) });
      if (existsSync(path.join(root, 'LICENSE'))) files.push({ absoluteSrc: path.join(root, 'LICENSE'), relativeDest: 'LICENSE' });
    });
  },
});
