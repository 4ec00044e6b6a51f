// The playground's main loop in the browser: SDL2 window + WebGL2 context, Dear ImGui with its
// SDL2 and OpenGL3 backends, and the App. Reads top to bottom like ImGui's own examples; on the
// web the loop body is the Emscripten main-loop callback.
#include <SDL.h>
#include <SDL_opengles2.h>
#include <emscripten.h>
#include <emscripten/html5.h>

#include <cfloat>
#include <cstring>
#include <cstdio>
#include <deque>

#include "platform/repaint_gl.h"
#include "session/redraw.h"
#include "ui/a11y.h"
#include "ui/app.h"
#include "imgui.h"
#include "imgui_impl_opengl3.h"
#include "imgui_impl_sdl.h"

namespace dlp {
extern App* g_app;
extern int g_frames;
extern double g_ui_ms, g_render_ms;  // CPU time of the last frame's UI (incl. training) and GL submission
}  // namespace dlp

namespace dlp {
void heatmap_forget_gl_objects();
}

namespace {

SDL_Window* g_window = nullptr;
float g_font_dpr = 0, g_font_text = 1;
bool g_started = false;     // the App is initialized: the data catalog has arrived (the digits stream in after)
bool g_drew_once = false;
bool g_in_view = true;      // the canvas is on screen (an embedded demo can be scrolled away)

// Fonts are rasterized at the device pixel ratio and scaled back, so text is crisp on hi-DPI
// screens; when the ratio changes (window moved to another screen) the atlas is rebuilt.
void update_fonts() {
  const float dpr = static_cast<float>(emscripten_get_device_pixel_ratio());
  const float text = g_started ? dlp::g_app->view.text_scale : 1.0f;  // the student's text size (Panels menu)
  if (dpr == g_font_dpr && text == g_font_text) return;
  ImGuiIO& io = ImGui::GetIO();
  io.Fonts->Clear();
  ImFontConfig cfg;
  cfg.OversampleH = 2;
  // Latin-1 (the multiplication sign) and the partial-derivative and less-or-equal signs the unit view writes.
  static const ImWchar glyphs[] = {0x0020, 0x00FF, 0x2202, 0x2202, 0x2264, 0x2264, 0};
  if (!io.Fonts->AddFontFromFileTTF("/fonts/DejaVuSans.ttf", 15.0f * text * dpr, &cfg, glyphs)) io.Fonts->AddFontDefault();
  io.FontGlobalScale = 1.0f / dpr;
  if (g_font_dpr != 0) {
    ImGui_ImplOpenGL3_DestroyFontsTexture();
    ImGui_ImplOpenGL3_CreateFontsTexture();
    dlp::forget_canvas();  // every glyph on it is the old atlas's
  }
  g_font_dpr = dpr;
  g_font_text = text;
}

// Until the digits arrive (they download while the code compiles and the window opens), the
// canvas already shows the playground's frame and says what it is waiting for.
void draw_loading_screen() {
  const ImVec2 ds = ImGui::GetIO().DisplaySize;
  ImGui::SetNextWindowPos(ImVec2(ds.x * 0.5f, ds.y * 0.5f), ImGuiCond_Always, ImVec2(0.5f, 0.5f));
  ImGui::Begin("Deep-learning playground", nullptr, ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoCollapse);
  // Dots that count up, unless the reader asked for less motion (prefers-reduced-motion).
  static const bool still = EM_ASM_INT({ return window.matchMedia && matchMedia('(prefers-reduced-motion: reduce)').matches ? 1 : 0; }) != 0;
  const int dots = still ? 3 : static_cast<int>(ImGui::GetTime() * 3.0) % 4;
  ImGui::Text("Loading the MNIST digits%.*s", dots, "...");
  ImGui::Dummy(ImVec2(260, 0));
  ImGui::End();
}

// Dear ImGui 1.86 acts on a press only where the pointer already hovered on the frame before,
// and its SDL backend reads the pointer (and each key) from SDL's current state once a frame. A tap (the pointer
// jumps to a tab and presses at once) or a click shorter than a frame was therefore often lost
// (first taps on tabs failed 5 of 5). So the pointer is fed from the events instead, one change
// a frame: a press waits until its position has been seen for a frame, and a release waits for a
// frame in which the press was seen. Later events wait behind them, so their order is kept.
struct Pointer {
  std::deque<SDL_Event> queue;
  ImVec2 pos{-FLT_MAX, -FLT_MAX};
  bool down[3] = {false, false, false};
  bool known = false;

  static int index(Uint8 button) { return button == SDL_BUTTON_LEFT ? 0 : button == SDL_BUTTON_RIGHT ? 1 : button == SDL_BUTTON_MIDDLE ? 2 : -1; }

  // Feeds the events this frame may take to ImGui (and to `each`), keeping the rest for later.
  template <typename F>
  void pump(F each) {
    SDL_Event e;
    while (SDL_PollEvent(&e)) queue.push_back(e);
    bool moved = false, pressed = false;
    SDL_Keycode keys_changed[8];
    int n_keys = 0;
    while (!queue.empty()) {
      SDL_Event& q = queue.front();
      if (q.type == SDL_KEYDOWN || q.type == SDL_KEYUP) {
        // ImGui 1.86 also reads each key's state once a frame: a key pressed and released within
        // one slow frame (ctrl+A typed by a test driver, or a quick tap of a key) would be lost.
        bool seen = false;
        for (int k = 0; k < n_keys; ++k) seen |= keys_changed[k] == q.key.keysym.sym;
        if (seen || n_keys == 8) break;
        if (!q.key.repeat) keys_changed[n_keys++] = q.key.keysym.sym;
      } else if (q.type == SDL_MOUSEBUTTONDOWN || q.type == SDL_MOUSEBUTTONUP) {
        const ImVec2 at(static_cast<float>(q.button.x), static_cast<float>(q.button.y));
        if (pressed) break;                                      // one button change a frame
        if (at.x != pos.x || at.y != pos.y) { pos = at; known = true; break; }  // show the position first
        if (q.type == SDL_MOUSEBUTTONDOWN && moved) break;       // it moved this frame: press on the next
        const int i = index(q.button.button);
        if (i >= 0) down[i] = q.type == SDL_MOUSEBUTTONDOWN;
        pressed = true;
      } else if (q.type == SDL_MOUSEMOTION) {
        pos = ImVec2(static_cast<float>(q.motion.x), static_cast<float>(q.motion.y));
        known = true;
        moved = true;
      } else if (q.type == SDL_WINDOWEVENT && q.window.event == SDL_WINDOWEVENT_LEAVE && !down[0]) {
        pos = ImVec2(-FLT_MAX, -FLT_MAX);
      }
      each(q);
      queue.pop_front();
    }
  }

  // After the backend's NewFrame, which read SDL's state: the pointer as the events had it.
  void apply(ImGuiIO& io) const {
    if (!known) return;
    io.MousePos = pos;
    for (int i = 0; i < 3; ++i) io.MouseDown[i] = down[i];
  }
} g_pointer;

// Frames on demand (session/redraw.h). Each animation frame asks whether a frame is due: input, a
// new canvas size or pixel ratio, a message from the worker, a JS call that changed something,
// work the loop advances by itself, a timer. Frames that are not due build the UI without
// drawing it and draw only if the picture changed: the frames after a change (until the layout
// settles), and a probe after a quarter second without any frame (a source that forgot to ask).
// Nothing is drawn while the canvas is out of view; the worker trains on, and the first frame
// back shows where it got to.
// The last frames built showed the same picture and none is asked for: the layout is at rest
// (the tests wait for it before they read widget rectangles).
bool g_settled = false;

void main_loop_step(void*) {
  if (!g_in_view && dlp::g_frames > 0) {  // the first frame is drawn anyway: the page is ready from it
    dlp::app_advance(*dlp::g_app, 8.0f);
    return;
  }
  dlp::Redraw& redraw = dlp::redraw();
  const double now = emscripten_get_now();
  static double last_built = 0, last_message_frame = 0;
  static int checks_left = 0;
  static bool quiet_training = false;  // the worker trains and nobody touches the page
  static uint64_t messages_drawn = 0, drawn_signature = 0, built_signature = 0;
  static int last_w = 0, last_h = 0;
  static double last_input = -1e9;
  SDL_PumpEvents();
  if (!g_pointer.queue.empty() || SDL_HasEvents(SDL_FIRSTEVENT, SDL_LASTEVENT)) redraw.now(), last_input = now;
  int dw = 0, dh = 0;
  SDL_GL_GetDrawableSize(g_window, &dw, &dh);
  if (dw != last_w || dh != last_h || static_cast<float>(emscripten_get_device_pixel_ratio()) != g_font_dpr) redraw.now();
  last_w = dw, last_h = dh;
  if (g_started) {
    // The worker's updates are drawn as they come, at most one frame per 150 ms unless the student
    // is busy with the page too: on a machine that draws in software each frame costs the CPU the
    // worker trains on.
    const dlp::WorkerChannel* link = dlp::g_app->worker.get();
    const uint64_t received = link ? link->received() : 0;
    quiet_training = link && link->running() && dlp::g_app->session.training && now - last_input > 1000;
    if (received != messages_drawn && now - last_message_frame >= 150) {
      redraw.now(1);
      messages_drawn = received;
      last_message_frame = now;
    }
  } else if (g_drew_once) {
    redraw.after(250, now);  // the loading window's dots, a few times a second
  }
  const bool due = redraw.due(now) || !g_drew_once;
  if (due) g_settled = false;
  // A frame that changed the picture is followed by two that check it settled (ImGui sizes windows
  // and their contents from the frames before); otherwise a probe only after a quarter second
  // without a frame.
  if (!due && checks_left == 0 && now - last_built < 250) return;
  last_built = now;

  g_pointer.pump([](SDL_Event& event) {
    ImGui_ImplSDL2_ProcessEvent(&event);
    // The backend reads modifiers from SDL's current state, which is already past any events still
    // waiting here; each key event carries the modifiers of its own moment (ctrl+click).
    if (event.type == SDL_KEYDOWN || event.type == SDL_KEYUP) {
      ImGuiIO& io = ImGui::GetIO();
      const Uint16 m = event.key.keysym.mod;
      io.KeyShift = (m & KMOD_SHIFT) != 0;
      io.KeyCtrl = (m & KMOD_CTRL) != 0;
      io.KeyAlt = (m & KMOD_ALT) != 0;
      io.KeySuper = (m & KMOD_GUI) != 0;
    }
    if (g_started && event.type == SDL_KEYDOWN && !event.key.repeat && event.key.keysym.sym == SDLK_SPACE) ++dlp::g_app->space_presses;
  });
  // Events still waiting (one pointer change a frame): the next frame takes them.
  if (!g_pointer.queue.empty()) redraw.now(1);
  update_fonts();

  const double t0 = emscripten_get_now();
  ImGui_ImplOpenGL3_NewFrame();
  ImGui_ImplSDL2_NewFrame();
  g_pointer.apply(ImGui::GetIO());
  ImGui::NewFrame();
  dlp::a11y::begin_frame();
  // Training gets a slice of each 16.7 ms frame; drawing and the browser get the rest.
  if (g_started) dlp::app_frame(*dlp::g_app, 8.0f);
  else draw_loading_screen();
  dlp::a11y::end_frame();
  ImGui::Render();
  const double t1 = emscripten_get_now();
  const uint64_t signature = dlp::read_picture(ImGui::GetDrawData());
  const bool changed = signature != built_signature;
  built_signature = signature;
  checks_left = changed ? 2 : checks_left > 0 ? checks_left - 1 : 0;
  g_settled = checks_left == 0 && !redraw.pending();
  // A probe or a check draws what changed, unless the worker trains untouched: its next update's
  // frame shows it then.
  if (!due && (signature == drawn_signature || quiet_training)) return;
  drawn_signature = signature;

  // Only the boxes that changed since the canvas was painted (platform/repaint_gl.h); a frame
  // that would show the picture already there paints nothing.
  if (dlp::paint_picture(ImGui::GetDrawData()) > 0) SDL_GL_SwapWindow(g_window);
  dlp::g_ui_ms = t1 - t0;
  dlp::g_render_ms = emscripten_get_now() - t1;
  if (!g_drew_once) { g_drew_once = true; EM_ASM({ performance.mark('dlp:first-frame'); }); }
  if (g_started && ++dlp::g_frames == 1) EM_ASM({ performance.mark('dlp:ready'); });
}

}  // namespace

// The page calls this on webglcontextrestored: GL objects are recreated; the model, which lives
// in wasm memory, never went anywhere.
extern "C" EMSCRIPTEN_KEEPALIVE void dlp_gl_context_restored() {
  // A full backend restart: Destroy/CreateDeviceObjects would keep the old buffer sizes.
  ImGui_ImplOpenGL3_Shutdown();
  dlp::heatmap_forget_gl_objects();
  ImGui_ImplOpenGL3_Init("#version 300 es");
  dlp::forget_canvas();
  dlp::g_app->session.say(dlp::Topic::Status, "The graphics context was lost and is restored; nothing else was lost.");
  dlp::redraw().now();
}

// The page says whether the canvas is on screen (an IntersectionObserver; a hidden tab has no
// animation frames anyway). Back in view, the next frame is drawn.
extern "C" EMSCRIPTEN_KEEPALIVE void dlp_set_in_view(int in_view) {
  g_in_view = in_view != 0;
  if (g_in_view) dlp::forget_canvas(), dlp::redraw().now();
}

// Something changed from outside the loop (a JS call, a data chunk, a worker's message): draw.
extern "C" EMSCRIPTEN_KEEPALIVE void dlp_wake() { dlp::redraw().now(); }
extern "C" EMSCRIPTEN_KEEPALIVE int dlp_settled() { return g_settled && !dlp::redraw().pending(); }

// The page calls this with its data catalog (catalog.json) as soon as it has it: the App starts on
// the next frame, and the digits stream in (dlp_data_chunk).
extern "C" EMSCRIPTEN_KEEPALIVE void dlp_start(const char* catalog) {
  if (g_started || !dlp::g_app) return;
  dlp::app_init(*dlp::g_app, catalog);
  g_started = true;
  dlp::redraw().now(5);
  EM_ASM({ performance.mark('dlp:app-init'); });
}

int main(int, char**) {
  // Marks on the page's timeline for bench/loading.mjs: where start-up time goes.
  EM_ASM({ performance.mark('dlp:main'); });
  if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_TIMER) != 0) {
    std::printf("SDL_Init failed: %s\n", SDL_GetError());
    return 1;
  }
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_FLAGS, 0);
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_PROFILE_MASK, SDL_GL_CONTEXT_PROFILE_ES);
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, 3);  // WebGL2
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, 0);
  SDL_GL_SetAttribute(SDL_GL_DOUBLEBUFFER, 1);
  // The page sizes the canvas with CSS; RESIZABLE + ALLOW_HIGHDPI make SDL follow it at the
  // device pixel ratio.
  g_window = SDL_CreateWindow("Deep-learning playground", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, 1280, 720,
                              SDL_WINDOW_OPENGL | SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI);
  SDL_GLContext gl = g_window ? SDL_GL_CreateContext(g_window) : nullptr;
  if (!gl) {
    std::printf("Could not create a WebGL2 context: %s\n", SDL_GetError());
    EM_ASM({ if (Module.onFatal) Module.onFatal("This browser could not create a WebGL2 context."); });
    return 1;
  }
  SDL_GL_MakeCurrent(g_window, gl);
  SDL_GL_SetSwapInterval(1);

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;  // no file system on the web: layout lives in memory
  io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
  io.ConfigWindowsMoveFromTitleBarOnly = true;  // a drag that starts on a control (a slider's end) never moves its window
  ImGui::StyleColorsDark();  // the app sets its theme's colours when it starts (ui/view.cpp)
  ImGui::GetStyle().WindowRounding = 4.0f;
  // A finger needs bigger targets than a mouse: on a touch screen (coarse pointer) every button,
  // slider and tab is at least 40 CSS pixels tall, with room between them.
  if (EM_ASM_INT({ return window.matchMedia && matchMedia('(pointer: coarse)').matches ? 1 : 0; })) {
    ImGuiStyle& st = ImGui::GetStyle();
    st.FramePadding = ImVec2(10, 13);
    st.ItemSpacing = ImVec2(10, 8);
    st.ItemInnerSpacing = ImVec2(8, 6);
    st.ScrollbarSize = 22;
    st.GrabMinSize = 24;
    st.TouchExtraPadding = ImVec2(2, 2);
  }
  ImGui_ImplSDL2_InitForOpenGL(g_window, gl);
  ImGui_ImplOpenGL3_Init("#version 300 es");
  update_fonts();

  static dlp::App app;
  dlp::g_app = &app;
  EM_ASM({ performance.mark('dlp:ui-created'); });

  emscripten_set_main_loop_arg(main_loop_step, nullptr, 0, true);
  return 0;
}
