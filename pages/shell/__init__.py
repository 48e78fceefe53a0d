"""The app shell: manifest, service worker, offline page, the "more" page."""
