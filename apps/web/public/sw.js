// A minimal service worker: makes Plein installable and shows an offline page when the network is
// gone. It caches nothing else on purpose (the intranet's data must be fresh and private).
const OFFLINE = '/offline.html';
// Its style is a file (the Content-Security-Policy allows no inline style), cached with it.
const OFFLINE_CSS = '/offline.css';
const CACHE = 'plein-offline-v2';
self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((c) => c.addAll([OFFLINE, OFFLINE_CSS])));
  self.skipWaiting();
});
self.addEventListener('activate', (event) =>
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  ),
);
self.addEventListener('fetch', (event) => {
  if (new URL(event.request.url).pathname === OFFLINE_CSS) {
    event.respondWith(fetch(event.request).catch(() => caches.match(OFFLINE_CSS)));
    return;
  }
  if (event.request.mode !== 'navigate') return;
  event.respondWith(fetch(event.request).catch(() => caches.match(OFFLINE)));
});
