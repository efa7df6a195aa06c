{% load static %}/* CivicDesk portal service worker (rendered by portal/pwa.py). */
"use strict";
var SHELL = "civicdesk-shell-v1";
var PAGES = "civicdesk-pages-v1";
var OFFLINE_URL = "{{ offline_url|escapejs }}";
var SHELL_FILES = [
  OFFLINE_URL,
  "{% static 'portal/portal.css' %}",
  "{% static 'portal/pwa.js' %}",
  "{% static 'portal/errors.js' %}",
  "{% static 'portal/suggest.js' %}",
  "{% static 'portal/map.js' %}",
  "{% static 'portal/icons/icon-192.png' %}"
];
// Pages kept for use without signal: the catalogue and the request forms, nothing personal.
var KEEP = [/^\/$/, /^\/services\/$/, /^\/services\/[^/]+\/$/, /^\/services\/[^/]+\/request\/$/];

self.addEventListener("install", function (event) {
  event.waitUntil(caches.open(SHELL).then(function (cache) { return cache.addAll(SHELL_FILES); }));
  self.skipWaiting();
});

self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (names) {
    return Promise.all(names.filter(function (n) { return n !== SHELL && n !== PAGES; })
      .map(function (n) { return caches.delete(n); }));
  }).then(function () { return self.clients.claim(); }));
});

function keepable(url) {
  return url.origin === self.location.origin && url.pathname.indexOf("/kiosk/") !== 0 &&
    KEEP.some(function (pattern) { return pattern.test(url.pathname); });
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET") { return; }  // drafts are queued by pwa.js, never here
  var url = new URL(request.url);
  if (url.origin !== self.location.origin) { return; }
  if (request.mode === "navigate") {
    event.respondWith(fetch(request).then(function (response) {
      if (response.ok && keepable(url)) {
        var copy = response.clone();
        caches.open(PAGES).then(function (cache) { cache.put(request, copy); });
      }
      return response;
    }).catch(function () {
      return caches.match(request).then(function (hit) { return hit || caches.match(OFFLINE_URL); });
    }));
    return;
  }
  event.respondWith(caches.match(request).then(function (hit) { return hit || fetch(request); }));
});
