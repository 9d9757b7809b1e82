// Builds web/dist/: the app's own files from web/src/ and the two front-end
// libraries from node_modules/ (pinned by package-lock.json) into dist/vendor/.
// No bundler: the app is plain ES modules, so "building" is copying, which
// keeps `npm run build` well under a second and the served code readable.
import { cpSync, mkdirSync, rmSync, existsSync, copyFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, 'dist');

// Self-contained ESM builds (no bare imports), so the browser can load them
// directly from /vendor/.
const vendor = [
  ['echarts/dist/echarts.esm.min.mjs', 'echarts.esm.min.mjs'],
  ['cytoscape/dist/cytoscape.esm.min.mjs', 'cytoscape.esm.min.mjs'],
  ['echarts/LICENSE', 'LICENSE.echarts'],
  ['cytoscape/LICENSE', 'LICENSE.cytoscape'],
];

rmSync(dist, { recursive: true, force: true });
cpSync(join(here, 'src'), dist, { recursive: true });
mkdirSync(join(dist, 'vendor'), { recursive: true });
for (const [from, to] of vendor) {
  const src = join(here, 'node_modules', from);
  if (!existsSync(src)) {
    console.error(`build: ${src} is missing; run \`npm ci\` in web/ first`);
    process.exit(1);
  }
  copyFileSync(src, join(dist, 'vendor', to));
}
console.log(`build: wrote ${dist}`);
