#!/usr/bin/env bash
# The playground as one folder any static host serves as is (make dist): the page, its code, the
# training worker, the digits (chunks the page streams), the embedding kit. No server code and no
# headers needed: the page carries its Content-Security-Policy in a meta tag, and its service worker
# (web/sw.js) adds COOP/COEP from the second load on, so it trains on every core; the same worker
# keeps the page and the digits a student used for offline use. The code also comes precompressed (.gz beside each .js and .wasm) for
# hosts that serve precompressed files (nginx gzip_static and the like); others compress on the fly
# or send it as is.
# Usage: scripts/dist.sh [BUILT_WEB_DIR] [DEST] [PUBLIC_URL]   (defaults: build/wasm/web dist, and
# PUBLIC_URL from the environment: the address the folder will be served from, for oembed.json)
set -euo pipefail
src=${1:-build/wasm/web}
dest=${2:-dist}
public=${3:-${PUBLIC_URL:-}}
[ -f "$src/playground.wasm" ] || { echo "dist: $src has no playground.wasm (make wasm first)" >&2; exit 1; }
rm -rf "$dest"
mkdir -p "$dest/assets"
for f in index.html main.js bytes.js a11y.js offline.js playground.css playground.js playground.wasm train_worker.js \
         dlp-worker.js dlp-worker.wasm dlp-worker-mt.js dlp-worker-mt.wasm dlp-worker-mt.worker.js \
         manifest.webmanifest icon-192.png icon-512.png; do
  cp "$src/$f" "$dest/$f"
done
# The embedding kit: embed.js for course pages, oembed.json for platforms that discover it.
cp "$src/embed.js" "$dest/"
if [ -n "$public" ]; then
  sed "s#http://127.0.0.1:8080/#${public%/}/#g" "$src/oembed.json" > "$dest/oembed.json"
else
  cp "$src/oembed.json" "$dest/"
  echo "dist: oembed.json still names http://127.0.0.1:8080/ (give PUBLIC_URL=https://your.site/path/)" >&2
fi
# The digits as the page streams them (the whole IDX files stay out: the page never fetches them).
cp "$src/assets/catalog.json" "$dest/assets/"
cp "$src"/assets/*.gz "$dest/assets/"
# The service worker (threads on a host without COOP/COEP, offline after the first visit), stamped
# with exactly these files.
node "$(dirname "$0")/sw_stamp.mjs" "$dest"
for f in "$dest"/*.js "$dest"/*.wasm; do gzip -9 -k -n "$f"; done
echo "dist: $(du -sh "$dest" | cut -f1) in $dest (serve it with any static server, e.g. python3 -m http.server -d $dest)"
