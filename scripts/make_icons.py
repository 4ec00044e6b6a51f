#!/usr/bin/env python3
"""Draws the app's icons (web/icon-192.png, web/icon-512.png): a digit 7 in a 28x28 grid of
pixels, the way the network sees a drawing, on the playground's dark blue. Full-bleed, with the
digit inside the central 60% so a round or squircle mask keeps it whole.
Usage: python3 scripts/make_icons.py [OUT_DIR]   (default web/)"""
import math, struct, sys, zlib
from pathlib import Path

def seg_dist(px, py, ax, ay, bx, by):
    dx, dy = bx - ax, by - ay
    t = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)))
    return math.hypot(px - ax - t * dx, py - ay - t * dy)

# The digit as strokes in a 28x28 image (an MNIST-like 7: a bar and a slanted stem).
STROKES = [((8.0, 8.5), (20.0, 8.5)), ((20.0, 8.5), (12.5, 21.5))]
def ink(x, y):  # 0..1 at a point of the 28x28 image
    d = min(seg_dist(x, y, *a, *b) for a, b in STROKES)
    return max(0.0, min(1.0, 2.2 - d))

def draw(size):
    bg, grid, fg = (0x1e, 0x2a, 0x3f), (0x2c, 0x3b, 0x55), (0xf2, 0xf5, 0xfa)
    cells = [[ink(i + 0.5, j + 0.5) for i in range(28)] for j in range(28)]
    rows = []
    cell = size / 28
    for y in range(size):
        row = bytearray([0])
        for x in range(size):
            i, j = int(x / cell), int(y / cell)
            v = cells[j][i]
            edge = (x / cell - i) < 0.06 or (y / cell - j) < 0.06  # the pixel grid's lines
            base = grid if edge else bg
            # Pixels the stroke only touches are in between: the gray levels the network sees.
            r, g, b = (round(base[k] + (fg[k] - base[k]) * v) for k in range(3))
            row += bytes((r, g, b))
        rows.append(bytes(row))
    raw = b''.join(rows)
    chunk = lambda t, d: struct.pack('>I', len(d)) + t + d + struct.pack('>I', zlib.crc32(t + d) & 0xffffffff)
    return b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', size, size, 8, 2, 0, 0, 0)) + \
        chunk(b'IDAT', zlib.compress(raw, 9)) + chunk(b'IEND', b'')

out = Path(sys.argv[1] if len(sys.argv) > 1 else 'web')
for size in (192, 512):
    (out / f'icon-{size}.png').write_bytes(draw(size))
