#!/usr/bin/env bash
# Compiles a wasm object with clang directly, as emcc would (CMake's C/CXX compiler launcher).
#
#   wasm_cc.sh emcc|em++ ARGS...   (CMake puts it before every compile of the wasm build;
#                                   scripts/third_party.sh before SDL2's)
#
# emcc is a Python program: to compile one file it starts Python, reads its configuration and only
# then runs clang, with its own flags: on this machine about a second per file on top of clang's
# own time, for most files several times clang's. A compile (-c) is that clang with the flags
# `emcc --cflags` prints for the same settings, so this runs exactly that command (the same clang,
# the same flags, the same object, bit for bit). The flags are asked of emcc once per set of
# settings and kept in the build folder (.wasm_cc/KEY, KEY a hash of this script, which emcc, its
# version and configuration, and the settings and flags it reads). Anything else (a link, a preprocess-only
# run, an emcc option) goes to emcc as it came, and DLP_WASM_CC=0 sends everything there.
# EM_COMPILER_WRAPPER (ccache) wraps clang as emcc would.
set -euo pipefail
emcc=$1; shift
[ "${DLP_WASM_CC:-1}" = 0 ] && exec "$emcc" "$@"
compile=0 sources=0 settings=() rest=()
for a in "$@"; do
  case "$a" in
    -c) compile=1; rest+=("$a") ;;
    -E|-M|-MM|-s|--*) exec "$emcc" "$@" ;;              # not a plain compile, or "-s X=Y"
    -std=*|-shared|-static*|-save-temps*) rest+=("$a") ;;
    -s*) settings+=("$a") ;;                             # emcc's settings: they choose the flags
    # Flags emcc reads as well as passes on (-fexceptions adds -mllvm -enable-emscripten-cxx-exceptions,
    # -pthread the atomics, ...): asked of emcc --cflags with the settings, and given to clang.
    -f*|-m*|-O*|-g*|-pthread) settings+=("$a"); rest+=("$a") ;;
    -*) rest+=("$a") ;;
    *.c|*.cc|*.cpp|*.cxx) sources=$((sources + 1)); rest+=("$a") ;;
    *) rest+=("$a") ;;
  esac
done
[ "$compile" = 1 ] && [ "$sources" = 1 ] || exec "$emcc" "$@"

real=$(readlink -f "$(command -v "$emcc")")
cxx=0; case "$(basename "$emcc")" in em++*) cxx=1 ;; esac
key=$( { cat "$0"; echo "$real"; stat -c %Y "$real"; cat "$(dirname "$real")/emscripten-version.txt" 2>/dev/null || echo none;
         echo "${EM_CONFIG:-}" "$cxx"; printf '%s\n' "${settings[@]+"${settings[@]}"}"; } | sha256sum | cut -c1-16)
kept=.wasm_cc/$key
if [ ! -f "$kept" ]; then
  mkdir -p .wasm_cc
  root=$(em-config LLVM_ROOT) || exec "$emcc" "$@"
  clang="$root/clang"; [ "$cxx" = 1 ] && clang="$root/clang++"
  [ -x "$clang" ] || exec "$emcc" "$@"
  # emcc --cflags prints the command it would run past its first word: with EM_COMPILER_WRAPPER set
  # that word is the wrapper and clang's path would lead the flags (clang takes it for a second
  # input, and ccache will not cache a compile of two inputs), so it is asked without the wrapper.
  flags=$(env -u EM_COMPILER_WRAPPER "$emcc" --cflags "${settings[@]+"${settings[@]}"}") || exec "$emcc" "$@"
  case "$flags" in -*) ;; *) exec "$emcc" "$@" ;; esac  # not flags alone: let emcc compile
  printf '%s\n%s\n' "$clang" "$flags" > "$kept.$$" && mv -f "$kept.$$" "$kept"
fi
{ read -r clang; read -ra flags; } < "$kept"
exec ${EM_COMPILER_WRAPPER:+"$EM_COMPILER_WRAPPER"} "$clang" "${flags[@]}" "${rest[@]}"
