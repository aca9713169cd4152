// The service worker for offline use, written after every build into dist/:
// dist/sw.js precaches every file of the site (the app, the /embed/ pages,
// the oEmbed files, the web component, the demo blog; not the single-file
// build, which needs none) under a cache named after a hash of their
// contents, serves them cache-first, and drops older caches when it takes
// over. Navigations are matched by path only, since the state is in the
// query. Anything not precached goes to the network as usual.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const dist = fileURLToPath(new URL('../dist/', import.meta.url));
const SKIP = [/^sw\.js$/, /^offline\//];

function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

const files = walk(dist)
  .map((p) => relative(dist, p).split(sep).join('/'))
  .filter((f) => !SKIP.some((re) => re.test(f)))
  .sort();
const hash = createHash('sha256');
for (const f of files) hash.update(f).update(readFileSync(join(dist, f)));
const version = hash.digest('hex').slice(0, 16);

const sw = `// Written by scripts/write-sw.js: precache of this build (${files.length} files).
const CACHE = 'kvmplay-${version}';
const FILES = ${JSON.stringify(files)};
const scope = new URL(self.registration.scope);
const url = (f) => new URL(f, scope).href;

self.addEventListener('install', (e) => {
  e.waitUntil(
    caches.open(CACHE)
      .then((c) => c.addAll(FILES.map((f) => new Request(url(f), { cache: 'reload' }))))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (e) => {
  e.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith('kvmplay-') && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (e) => {
  const req = e.request;
  if (req.method !== 'GET') return;
  const u = new URL(req.url);
  if (u.origin !== scope.origin || !u.pathname.startsWith(scope.pathname)) return;
  e.respondWith(
    (async () => {
      const c = await caches.open(CACHE);
      let path = u.pathname;
      if (path.endsWith('/')) path += 'index.html';
      const hit = (await c.match(u.origin + path)) || (req.mode === 'navigate' ? await c.match(u.origin + path + '/index.html') : undefined);
      return hit || fetch(req);
    })(),
  );
});
`;
writeFileSync(join(dist, 'sw.js'), sw);
console.log(`dist/sw.js: ${files.length} files precached (cache kvmplay-${version})`);
