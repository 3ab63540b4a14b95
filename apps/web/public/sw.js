// A minimal service worker: makes Plein installable and shows an offline page when the network is
// gone. It caches nothing else on purpose (the intranet's data must be fresh and private).
const OFFLINE = '/offline.html';
self.addEventListener('install', (event) => {
  event.waitUntil(caches.open('plein-offline-v1').then((c) => c.add(OFFLINE)));
  self.skipWaiting();
});
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));
self.addEventListener('fetch', (event) => {
  if (event.request.mode !== 'navigate') return;
  event.respondWith(fetch(event.request).catch(() => caches.match(OFFLINE)));
});
