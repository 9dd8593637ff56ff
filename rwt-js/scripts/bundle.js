// Builds one self-contained ES module from src/ (for serving as a single file, e.g. at
// /rwt-client.js). No dependencies: the sources keep to a form this script understands —
// named imports of relative modules, `export` on top-level declarations, no `import *`.
//
//   node scripts/bundle.js [output-file]     (default: dist/rwt-client.js)

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const IMPORT = /^import\s*\{[^}]*\}\s*from\s*'(\.\/[^']+)';\s*$/gm;
const REEXPORT_FROM = /^export\s*\{([^}]*)\}\s*from\s*'(\.\/[^']+)';\s*$/gm;

function dependencies(source) {
  return [...source.matchAll(IMPORT), ...source.matchAll(REEXPORT_FROM)].map((m) => m[m.length - 1]);
}

/** Module files in dependency order (dependencies first). */
function collect(file, seen = new Map(), order = []) {
  if (seen.has(file)) {
    if (seen.get(file) === 'visiting') throw new Error(`import cycle through ${file}`);
    return order;
  }
  seen.set(file, 'visiting');
  const source = readFileSync(file, 'utf8');
  for (const dep of dependencies(source)) collect(resolve(dirname(file), dep), seen, order);
  seen.set(file, 'done');
  order.push({ file, source });
  return order;
}

export function bundle(entry = resolve(root, 'src', 'rwt-client.js')) {
  const modules = collect(entry);
  const version = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')).version;
  const parts = [`// @rwt/client ${version} — RWT/1 client, single-file build of rwt-js/src (generated; do not edit).\n`];
  for (const { file, source } of modules) {
    let body = source.replace(IMPORT, '');
    if (file === entry) {
      body = body.replace(REEXPORT_FROM, (m, names) => `export {${names}};`);
    } else {
      body = body.replace(REEXPORT_FROM, '').replace(/^export\s+(?=(async\s+)?(function|class|const|let)\b)/gm, '');
      if (/^export\b/m.test(body)) throw new Error(`unsupported export form in ${file}`);
    }
    parts.push(`// ---- ${file.slice(root.length + 1)} ----\n${body.trim()}\n`);
  }
  return parts.join('\n');
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const out = resolve(process.cwd(), process.argv[2] ?? resolve(root, 'dist', 'rwt-client.js'));
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, bundle());
  process.stdout.write(`wrote ${out}\n`);
}
