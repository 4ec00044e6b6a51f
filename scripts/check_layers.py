#!/usr/bin/env python3
"""The source folders are layers, and includes point down only:

    ui -> links -> session -> data -> engine
          links -> course  -> engine

ui is the only folder that draws with ImGui; platform (SDL, GL, emscripten, the JS bridge) and cli
sit on top. Every #include "folder/..." of a file in src/ must name its own folder or one below
it, and no UI-free folder may include ImGui, SDL or emscripten. Prints each breach; exit 1 if any.
Run by ctest (layers) and by hand: python3 scripts/check_layers.py [SOURCE_DIR]."""
import os
import re
import sys

BELOW = {
    'engine': set(),
    'data': {'engine'},
    'session': {'data', 'engine'},
    'course': {'engine'},
    'links': {'session', 'course', 'data', 'engine'},
    'ui': {'links', 'session', 'course', 'data', 'engine'},
    'platform': {'ui', 'links', 'session', 'course', 'data', 'engine'},
    'cli': {'links', 'session', 'course', 'data', 'engine'},
}
UI_ONLY = re.compile(r'#include\s*[<"](imgui[^">]*|SDL[^">]*|emscripten[^">]*|GLES[^">]*)[">]')
OWN = re.compile(r'#include\s*"([a-z_]+)/[^"]+"')


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), '..')
    src = os.path.join(root, 'src')
    problems = []
    for folder in sorted(os.listdir(src)):
        if folder not in BELOW:
            problems.append(f'src/{folder}: a folder the layers do not name (scripts/check_layers.py)')
            continue
        for dirpath, _, files in os.walk(os.path.join(src, folder)):
            for name in sorted(files):
                if not name.endswith(('.h', '.cpp')):
                    continue
                path = os.path.join(dirpath, name)
                rel = os.path.relpath(path, root)
                for n, line in enumerate(open(path, encoding='utf-8'), 1):
                    m = OWN.match(line.strip())
                    if m and m.group(1) != folder and m.group(1) in BELOW and m.group(1) not in BELOW[folder]:
                        problems.append(f'{rel}:{n}: {folder} includes {m.group(1)}, a layer above it')
                    if folder not in ('ui', 'platform') and UI_ONLY.match(line.strip()):
                        problems.append(f'{rel}:{n}: {folder} is UI-free but includes {UI_ONLY.match(line.strip()).group(1)}')
    for p in problems:
        print(p)
    print(f'layers: {len(problems)} problem(s)')
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
