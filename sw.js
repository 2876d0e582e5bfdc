// HPG Explorer service worker: after one visit the app works with the network off.
// The release build's file names carry content hashes, so the shell and every asset index.html names are
// cached at install; requests are served from the cache first and refreshed from the network when online.
const CACHE = 'hpg-explorer-v1';

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      const response = await fetch('./', { cache: 'no-cache' });
      const html = await response.clone().text();
      await cache.put('./', response);
      const assets = [...html.matchAll(/(?:href|src)="([^"]+)"/g)]
        .map((m) => m[1])
        .filter((u) => !u.startsWith('data:') && !u.startsWith('http'));
      // The population's worker is started by the page, not named in index.html (its names carry no hash;
      // a worker from another build is refused by the page, which then runs the men itself).
      await cache.addAll([...new Set(assets)]);
      // Apart, so a host that lacks them still gets an offline page (which then runs the men itself).
      const worker = ['population-worker-loader.js', 'population-worker.js', 'population-worker_bg.wasm'].map((f) => `./${f}`);
      await cache.addAll(worker).catch(() => {});
      // The Spanish catalogue (the page in English needs none), so the Spanish page works offline too.
      await cache.addAll(['./locales/es.json']).catch(() => {});
      // The studies behind "How we know", fetched when that section opens.
      await cache.addAll(['./evidence.json']).catch(() => {});
      // The hosted copy's own stories: their list (the files it names are cached when first read).
      await cache.addAll(['./stories/index.json']).catch(() => {});
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) if (key !== CACHE) await caches.delete(key);
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== 'GET' || url.origin !== self.location.origin) return;
  // A page load with a query (a shared scenario) is the same shell.
  const key = event.request.mode === 'navigate' ? './' : event.request;
  event.respondWith(
    (async () => {
      const cache = await caches.open(CACHE);
      const cached = await cache.match(key, { ignoreSearch: event.request.mode === 'navigate' });
      const network = fetch(event.request)
        .then((response) => {
          if (response.ok) cache.put(key, response.clone());
          return response;
        })
        .catch(() => undefined);
      return cached || (await network) || new Response('Offline and not cached yet.', { status: 503 });
    })(),
  );
});
