/* Service worker of the Jobcenter-Portal.
 * Caches only versioned static files; leaves NiceGUI's websocket, uploads, media, range requests and pages alone
 * (pages are no-store and carry a fresh client id: a cached page would reload forever). A navigation that fails
 * because the device is offline gets the cached, translated offline page. */
const VERSION = '__VERSION__';
const CACHE = `portal-static-${VERSION}`;
const PRECACHE = ['/offline.html', '/assets/icons/icon-192.png', '/assets/icons/icon-512.png'];

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(PRECACHE)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((key) => key.startsWith('portal-static-') && key !== CACHE)
        .map((key) => caches.delete(key))))
      .then(() => self.clients.claim()));
});

function isVersionedStatic(url) {
  return url.pathname.startsWith('/_nicegui/' + '__NICEGUI__' + '/') && !url.pathname.includes('/dynamic_resources/')
    || url.pathname.startsWith('/assets/');
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || request.headers.has('range')) return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (url.pathname.startsWith('/_nicegui_ws/') || url.pathname.startsWith('/_nicegui/client/')) return;
  if (url.pathname.startsWith('/api/')) return;
  if (request.mode === 'navigate') {
    event.respondWith(fetch(request).catch(() => caches.match('/offline.html')));
    return;
  }
  if (isVersionedStatic(url)) {
    event.respondWith(caches.open(CACHE).then((cache) => cache.match(request).then((hit) => hit || fetch(request)
      .then((response) => {
        if (response.status === 200) cache.put(request, response.clone());
        return response;
      }))));
  }
});
