#!/usr/bin/env python3
"""A cache for em++ links, keyed by their content (CMake's CMAKE_CXX_LINKER_LAUNCHER).

Usage: link_cache.py em++ ARGS...  (CMake prepends it to every C++ link command of the wasm build)

A wasm link with -O3 runs binaryen's optimizer and takes 8-18 s; a clean clone with its objects
from ccache still links every target again. This keeps each link's outputs (X.js, X.wasm,
X.worker.js, ...) under ~/.cache/dlp/links/KEY, KEY a hash of:
  - the command line, with paths inside the build and source trees made relative;
  - the bytes of every file the command names (objects, libraries, --pre-js, --embed-file
    sources: a directory by the names and bytes of all its files; a response file's arguments as
    if given on the command line);
  - `em++ --version` and every EM*/EMCC* variable in the environment.
A link whose key is cached copies its outputs back instead of running; any changed input gives
another key, so a stale output is never used. Without a writable cache it just links.
"""
import hashlib
import os
import shlex
import shutil
import subprocess
import sys
import time


def file_digest(h, path):
    with open(path, 'rb') as f:
        for block in iter(lambda: f.read(1 << 20), b''):
            h.update(block)


def path_part(arg):
    """The path an argument names, if any: -o X, X@/dest (--embed-file), --opt=X."""
    for candidate in (arg, arg.split('@', 1)[0], arg.split('=', 1)[-1]):
        if candidate and os.path.exists(candidate):
            return candidate
    return None


def main():
    cmd = sys.argv[1:]
    cache_root = os.path.join(os.environ.get('XDG_CACHE_HOME') or os.path.expanduser('~/.cache'), 'dlp', 'links')
    if '-o' not in cmd or os.environ.get('DLP_LINK_CACHE') == '0':
        os.execvp(cmd[0], cmd)
    out = os.path.abspath(cmd[cmd.index('-o') + 1])
    cwd = os.getcwd()
    h = hashlib.sha256()
    version = subprocess.run([cmd[0], '--version'], capture_output=True)
    if version.returncode != 0:
        os.execvp(cmd[0], cmd)  # not a compiler that says its version: link without the cache
    h.update(version.stdout)
    for k in sorted(os.environ):
        if k.startswith(('EM', 'EMCC')) and k != 'EM_COMPILER_WRAPPER':
            h.update(f'{k}={os.environ[k]}\n'.encode())
    source_root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    roots = sorted({cwd, source_root}, key=len, reverse=True)
    # A response file (@file) stands for the arguments it holds: they are hashed as given.
    args = []
    for arg in cmd:
        if arg.startswith('@') and os.path.isfile(arg[1:]):
            args += shlex.split(open(arg[1:]).read())
        else:
            args.append(arg)
    for i, arg in enumerate(args):
        shown = arg
        for r in roots:
            shown = shown.replace(r, '<root>')
        h.update(f'arg {shown}\n'.encode())
        if i > 0 and args[i - 1] == '-o':
            continue
        p = path_part(arg)
        if p is None:
            continue
        if os.path.isdir(p):
            for d, dirs, files in sorted(os.walk(p)):
                dirs.sort()
                for name in sorted(files):
                    full = os.path.join(d, name)
                    h.update(f'file {os.path.relpath(full, p)}\n'.encode())
                    file_digest(h, full)
        else:
            file_digest(h, p)
    key = h.hexdigest()[:32]
    entry = os.path.join(cache_root, key)
    out_dir, stem = os.path.dirname(out), os.path.splitext(os.path.basename(out))[0]
    if os.path.isfile(os.path.join(entry, 'done')):
        names = open(os.path.join(entry, 'done')).read().split()
        if os.path.basename(out) in names and all(os.path.isfile(os.path.join(entry, n)) for n in names):
            for n in names:
                shutil.copyfile(os.path.join(entry, n), os.path.join(out_dir, n))
            os.utime(entry)  # recently used: kept by prune()
            print(f'link cache: {os.path.basename(out)} from {entry}')
            return 0
    start = time.time() - 1
    r = subprocess.run(cmd)
    if r.returncode != 0:
        return r.returncode
    made = [n for n in sorted(os.listdir(out_dir))
            if n.startswith(stem + '.') and os.path.isfile(os.path.join(out_dir, n))
            and os.path.getmtime(os.path.join(out_dir, n)) >= start]
    if os.path.basename(out) not in made:
        return 0  # the output's time did not move (a coarse clock?): nothing kept
    try:
        tmp = f'{entry}.{os.getpid()}'
        os.makedirs(tmp, exist_ok=True)
        for n in made:
            shutil.copyfile(os.path.join(out_dir, n), os.path.join(tmp, n))
        with open(os.path.join(tmp, 'done'), 'w') as f:
            f.write('\n'.join(made) + '\n')
        shutil.rmtree(entry, ignore_errors=True)
        os.replace(tmp, entry)
        prune(cache_root)
    except OSError:
        pass  # no cache: the link itself succeeded
    return 0


def prune(root, keep=60):
    """The newest `keep` entries stay (a few builds' worth of every target)."""
    entries = [os.path.join(root, n) for n in os.listdir(root) if os.path.isfile(os.path.join(root, n, 'done'))]
    entries.sort(key=os.path.getmtime, reverse=True)
    for e in entries[keep:]:
        shutil.rmtree(e, ignore_errors=True)


if __name__ == '__main__':
    sys.exit(main())
