// The portal's service worker: keeps the app on the device so that it opens with no network.
//
// The server writes this build's id and the list of its files into the two marked places below
// when it starts (see crates/server/src/shell.rs), so this file changes whenever any part of the
// app does, which is how browsers learn that a new version exists.
//
// What it does not do, on purpose: it never touches requests other than GET, never answers for
// the API (the app's own sync decides what to do without a network), and never stores carers'
// data (that lives in local storage, which updating the app leaves alone).

const BUILD_ID = "__PORTAL_BUILD_ID__";
const PRECACHE = /*__PORTAL_PRECACHE__*/ [];
const CACHE_PREFIX = "portal-shell-";
const CACHE_NAME = CACHE_PREFIX + BUILD_ID;
// Each app's page is precached under its folder ("/" for the carers' app, "/enquire/"), longest first,
// so that a navigation finds the app it belongs to.
const APP_PAGES = PRECACHE.filter((url) => url.endsWith("/")).sort((a, b) => b.length - a.length);

function appPageFor(pathname) {
  const path = pathname.endsWith("/") ? pathname : pathname + "/";
  return APP_PAGES.find((page) => path.startsWith(page)) || "/";
}

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(CACHE_NAME).then((cache) =>
      // "reload" skips the browser's HTTP cache, so the precache holds exactly this build.
      cache.addAll(PRECACHE.map((url) => new Request(url, { cache: "reload" }))),
    ),
  );
  // No skipWaiting here: a new version waits until the carer chooses to reload (see "message").
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) =>
        Promise.all(
          names
            .filter((name) => name.startsWith(CACHE_PREFIX) && name !== CACHE_NAME)
            .map((name) => caches.delete(name)),
        ),
      )
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("message", (event) => {
  if (event.data === "SKIP_WAITING") {
    self.skipWaiting();
  }
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (url.pathname === "/api" || url.pathname.startsWith("/api/")) return;

  if (url.pathname === "/staff" || url.pathname.startsWith("/staff/")) {
    // The staff side is a separate app that carers' phones never download, so it is not
    // precached. What staff have opened is kept, so a dropped office connection still shows
    // the last copy rather than the browser's error page.
    const key = request.mode === "navigate" ? "/staff/" : request;
    event.respondWith(
      fetch(request)
        .then((response) => {
          if (response.ok) {
            const copy = response.clone();
            caches.open(CACHE_NAME).then((cache) => cache.put(key, copy));
          }
          return response;
        })
        .catch(() => caches.match(key).then((cached) => cached || Response.error())),
    );
    return;
  }

  if (request.mode === "navigate") {
    // Every page of an app is the same document; its router shows the right page. Serving it
    // from the cache first makes the portal open at once on a poor signal, and with none.
    event.respondWith(
      caches.open(CACHE_NAME).then((cache) =>
        cache.match(appPageFor(url.pathname)).then((cached) => cached || fetch(request)),
      ),
    );
    return;
  }

  event.respondWith(
    caches.open(CACHE_NAME).then((cache) =>
      cache.match(request).then((cached) => cached || fetch(request)),
    ),
  );
});
