#!/usr/bin/env bash
# Fetches Dear ImGui and SDL2 sources from Debian and builds SDL2 for wasm, once, into the build tree.
# Usage: scripts/third_party.sh BUILD_DIR
# Results (cached: a second run returns in well under a second):
#   BUILD_DIR/third_party/imgui/         Dear ImGui sources (core + SDL2/OpenGL3 backends)
#   BUILD_DIR/third_party/sdl2-wasm/     SDL2 static library and headers built with emscripten
# When the user's emscripten has working ports (DLP_SDL_PORT=1), SDL2 comes from -sUSE_SDL=2 instead.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out=$(realpath -m "${1:-$root/build/third_party}")
mkdir -p "$out/src"
export NODE_PATH=${NODE_PATH:-/usr/share/nodejs}

ensure_deb_src() {
  # apt-get source needs a deb-src entry; Debian 12 images ship only binary entries.
  if ! grep -rqs '^Types:.*deb-src\|^deb-src ' /etc/apt/sources.list /etc/apt/sources.list.d/; then
    local cmd="printf 'Types: deb-src\nURIs: http://deb.debian.org/debian\nSuites: bookworm bookworm-updates\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' > /etc/apt/sources.list.d/dlp-deb-src.sources && apt-get update"
    if [ "$(id -u)" = 0 ]; then bash -c "$cmd"
    elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then sudo bash -c "$cmd"
    else echo "third_party: need a deb-src apt entry; run as root: $cmd" >&2; exit 1; fi
  fi
}

fetch_source() { # package, directory glob it unpacks to, destination name
  local pkg=$1 glob=$2 dest=$3
  [ -d "$out/$dest" ] && return 0
  ensure_deb_src
  echo "third_party: apt-get source $pkg"
  (cd "$out/src" && apt-get source --quiet "$pkg" >/dev/null 2>&1 || apt-get source "$pkg")
  local dir; dir=$(ls -d "$out/src"/$glob | head -n1)
  ln -sfn "$dir" "$out/$dest"
}

fetch_source imgui 'imgui-*/' imgui
[ -f "$out/imgui/backends/imgui_impl_opengl3.cpp" ] || { echo "third_party: imgui source has no backends/" >&2; exit 1; }

if [ "${DLP_SDL_PORT:-0}" = 1 ]; then
  echo "third_party: using emscripten's SDL2 port (-sUSE_SDL=2)"
  exit 0
fi

# SDL2 for wasm is kept in a cache outside the build tree as well, under a key made of everything
# that decides its bits: the Debian source package (its .dsc lists each file's checksum), emcc's
# version, this script and the configure results below. A changed input gives a new key, so a
# stale library is never used.
if [ ! -f "$out/sdl2-wasm/lib/libSDL2.a" ]; then
  fetch_source libsdl2 'libsdl2-*/' sdl2-src
  dsc=$(ls "$out"/src/libsdl2_*.dsc 2>/dev/null | head -n1)
  [ -n "$dsc" ] || { echo "third_party: the SDL2 source package's .dsc is missing in $out/src: remove $out/sdl2-src and run again" >&2; exit 1; }
  emcc_version=$(emcc --version | head -n1)
  checks="$root/scripts/sdl2-wasm-checks.cmake"
  key=$( { cat "$dsc"; echo "$emcc_version"; cat "$0" "$checks" "$root/scripts/wasm_cc.sh"; } | sha256sum | cut -c1-16)
  cache="${XDG_CACHE_HOME:-$HOME/.cache}/dlp/sdl2-wasm-$key"
  if [ -f "$cache/lib/libSDL2.a" ]; then
    rm -rf "$out/sdl2-wasm" && cp -a "$cache" "$out/sdl2-wasm"
    echo "third_party: SDL2 for wasm from the cache ($cache)"
    exit 0
  fi
  start=$(date +%s)
  # The configure checks' results for this emcc are known (scripts/sdl2-wasm-checks.cmake): given to
  # cmake, they spare ~300 compiles through emcc. With another emcc the checks run as usual.
  seed=()
  if grep -qxF "# emcc: $emcc_version" "$checks"; then seed=(-C "$checks"); fi
  echo "third_party: building SDL2 for wasm${seed:+ (configure results known for this emcc)}"
  rm -rf "$out/sdl2-build"
  # Each file compiled by clang with emcc's flags (scripts/wasm_cc.sh; ccache through it, not SDL's own
  # launcher): emcc's start-up is most of SDL2's compile time.
  emcmake cmake "${seed[@]}" -S "$out/sdl2-src" -B "$out/sdl2-build" -G Ninja \
    -DSDL_CCACHE=OFF -DCMAKE_C_COMPILER_LAUNCHER="$root/scripts/wasm_cc.sh" \
    -DCMAKE_BUILD_TYPE=Release -DCMAKE_INSTALL_PREFIX="$out/sdl2-wasm" \
    -DSDL_SHARED=OFF -DSDL_STATIC=ON -DSDL_TEST=OFF -DSDL_PTHREADS=OFF -DSDL_THREADS=OFF \
    -DSDL_TESTS=OFF -DSDL_INSTALL_TESTS=OFF > "$out/sdl2-configure.log" 2>&1 \
    || { tail -40 "$out/sdl2-configure.log"; exit 1; }
  cmake --build "$out/sdl2-build" > "$out/sdl2-build.log" 2>&1 || { tail -40 "$out/sdl2-build.log"; exit 1; }
  cmake --install "$out/sdl2-build" > /dev/null
  echo "third_party: SDL2 for wasm built in $(( $(date +%s) - start )) s"
  if mkdir -p "$(dirname "$cache")" 2>/dev/null; then
    rm -rf "$cache.tmp" && cp -a "$out/sdl2-wasm" "$cache.tmp" && mv -T "$cache.tmp" "$cache" 2>/dev/null || rm -rf "$cache.tmp"
  fi
fi
