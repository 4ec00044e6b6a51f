// GL side of session/repaint.h: a built frame's draw lists as layers, and painting only the
// boxes that changed since the canvas was last painted (the page's WebGL context keeps its
// drawing buffer between frames: web/main.js asks for preserveDrawingBuffer).
#pragma once

#include <cstdint>

struct ImDrawData;

namespace dlp {

// Reads the frame ImGui just built: its layers, and a signature of the whole picture (equal
// signatures draw equal pictures; main_web.cpp settles on it).
uint64_t read_picture(const ImDrawData* dd);

// Paints the picture read last over the canvas: only the boxes that changed, all of it when the
// canvas is not known, nothing when nothing changed (then no GL call at all, and the browser
// shows the canvas as it is). Returns the pixels painted.
long long paint_picture(const ImDrawData* dd);

// The canvas holds nothing the painter knows (a lost context, new fonts, a canvas that may have
// been cleared): the next paint paints all of it.
void forget_canvas();

// Frames painted and pixels painted so far (the page's cost of drawing; tests and benchmarks).
int painted_frames();
double painted_pixels();

}  // namespace dlp
