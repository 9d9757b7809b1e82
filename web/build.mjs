// Builds web/dist/: the app's own files from web/src/ and the two front-end
// libraries from node_modules/ (pinned by package-lock.json) into dist/vendor/.
// No bundler: the app is plain ES modules, so "building" is copying, which
// keeps `npm run build` fast and the served code readable. Every text file
// then gets a Brotli (.br) and a gzip (.gz) copy beside it, which
// `zicht serve` sends to clients that accept them (server/static_files.cc).
import { cpSync, mkdirSync, rmSync, existsSync, copyFileSync, readdirSync, readFileSync, writeFileSync, statSync } from 'node:fs';
import { dirname, join, extname } from 'node:path';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';
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
// Pre-compressed copies, only where they save something.
const compressible = new Set(['.html', '.js', '.mjs', '.css', '.svg', '.json', '.map', '.txt']);
function compressTree(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) { compressTree(path); continue; }
    if (!compressible.has(extname(name))) continue;
    const data = readFileSync(path);
    if (data.length < 1024) continue;
    const br = brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } });
    const gz = gzipSync(data, { level: 9 });
    if (br.length < data.length) writeFileSync(`${path}.br`, br);
    if (gz.length < data.length) writeFileSync(`${path}.gz`, gz);
  }
}
compressTree(dist);
console.log(`build: wrote ${dist}`);
