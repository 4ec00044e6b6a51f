// GL side of ui/heatmap.h: one R32F texture per slot, drawn through an ImDrawList callback
// that switches to the colormap program (same vertex layout as ImGui's), then resets ImGui's
// render state.
#include <GLES3/gl3.h>

#include <cmath>
#include <cstdio>
#include <cstring>
#include <deque>
#include <fstream>
#include <map>
#include <sstream>
#include <string>

#include "platform/picture_hash.h"
#include "ui/heatmap.h"

namespace dlp {

namespace {

struct Texture {
  GLuint id = 0;
  int w = 0, h = 0;
  uint64_t contents = 0;  // a hash of the values uploaded last: unchanged values are not uploaded again
};

struct DrawParams {
  GLuint texture;
  float scale;
  int mode;
  const Texture* slot;  // what the texture holds once the frame is built (heatmap_picture)
};

GLuint g_program = 0;
GLint g_imgui_program = -1;  // ImGui's own program, read once, restored after each heatmap
GLint g_loc_proj = -1, g_loc_scale = -1, g_loc_mode = -1, g_loc_values = -1;
bool g_failed = false;
std::map<std::string, Texture> g_textures;
std::deque<DrawParams> g_params;  // alive until the frame is rendered
int g_params_frame = -1;

std::string read_text(const char* path) {
  std::ifstream f(path);
  std::stringstream s;
  s << f.rdbuf();
  return s.str();
}

GLuint compile(GLenum type, const std::string& src) {
  GLuint s = glCreateShader(type);
  const char* p = src.c_str();
  glShaderSource(s, 1, &p, nullptr);
  glCompileShader(s);
  GLint ok = 0;
  glGetShaderiv(s, GL_COMPILE_STATUS, &ok);
  if (!ok) {
    char log[1024];
    glGetShaderInfoLog(s, sizeof log, nullptr, log);
    std::printf("heatmap shader: %s\n", log);
    return 0;
  }
  return s;
}

bool ensure_program() {
  if (g_program || g_failed) return g_program != 0;
  const GLuint vs = compile(GL_VERTEX_SHADER, read_text("/shaders/heatmap.vert"));
  const GLuint fs = compile(GL_FRAGMENT_SHADER, read_text("/shaders/heatmap.frag"));
  if (!vs || !fs) { g_failed = true; return false; }
  g_program = glCreateProgram();
  glAttachShader(g_program, vs);
  glAttachShader(g_program, fs);
  glLinkProgram(g_program);
  GLint ok = 0;
  glGetProgramiv(g_program, GL_LINK_STATUS, &ok);
  if (!ok) { std::printf("heatmap program failed to link\n"); g_failed = true; g_program = 0; return false; }
  g_loc_proj = glGetUniformLocation(g_program, "ProjMtx");
  g_loc_scale = glGetUniformLocation(g_program, "Scale");
  g_loc_mode = glGetUniformLocation(g_program, "Mode");
  g_loc_values = glGetUniformLocation(g_program, "Values");
  glUseProgram(g_program);
  glUniform1i(g_loc_values, 0);  // texture unit 0, where ImGui binds each command's texture
  glUseProgram(0);
  return true;
}

// Switching programs is all it takes: both share the vertex layout, and uniforms live in each
// program. (ImDrawCallback_ResetRenderState would redo ~20 GL calls per image, which in WebGL
// cost more than drawing the whole UI.)
void use_colormap(const ImDrawList*, const ImDrawCmd* cmd) {
  const DrawParams* p = static_cast<const DrawParams*>(cmd->UserCallbackData);
  if (g_imgui_program < 0) glGetIntegerv(GL_CURRENT_PROGRAM, &g_imgui_program);
  const ImDrawData* dd = ImGui::GetDrawData();
  const float L = dd->DisplayPos.x, R = dd->DisplayPos.x + dd->DisplaySize.x;
  const float T = dd->DisplayPos.y, B = dd->DisplayPos.y + dd->DisplaySize.y;
  const float ortho[16] = {2.0f / (R - L), 0, 0, 0, 0, 2.0f / (T - B), 0, 0, 0, 0, -1.0f, 0,
                           (R + L) / (L - R), (T + B) / (B - T), 0, 1.0f};
  glUseProgram(g_program);
  static float last_ortho[16];
  if (std::memcmp(last_ortho, ortho, sizeof ortho) != 0) {
    glUniformMatrix4fv(g_loc_proj, 1, GL_FALSE, ortho);
    std::memcpy(last_ortho, ortho, sizeof ortho);
  }
  glUniform1f(g_loc_scale, p->scale);
  glUniform1i(g_loc_mode, p->mode);
}

void use_imgui_program(const ImDrawList*, const ImDrawCmd*) { glUseProgram(static_cast<GLuint>(g_imgui_program)); }

}  // namespace

// What a heatmap's draw command shows (the values its texture holds once the frame is built, their
// shape, scale and colormap; 0 for any other command): part of the picture's hash
// (platform/repaint_gl.cpp), which repaints the heatmap when they change.
uint64_t heatmap_picture(const ImDrawCmd& c) {
  if (c.UserCallback != use_colormap || g_params_frame != ImGui::GetFrameCount()) return 0;
  const DrawParams* p = static_cast<const DrawParams*>(c.UserCallbackData);
  uint64_t h = picture_hash(&p->slot->contents, sizeof p->slot->contents);
  h = picture_hash(&p->scale, sizeof p->scale, h);
  h = picture_hash(&p->mode, sizeof p->mode, h);
  return picture_hash(&p->texture, sizeof p->texture, h);
}

// After a lost WebGL context every GL object is gone: forget ours, they are made again on use.
void heatmap_forget_gl_objects() {
  g_textures.clear();
  g_program = 0;
  g_imgui_program = -1;
  g_failed = false;
}

void heatmap(const char* slot, const float* values, int w, int h, ImVec2 size, Colormap map, float scale) {
  ImGui::Dummy(size);
  if (w <= 0 || h <= 0 || !ensure_program()) return;
  Texture& t = g_textures[slot];
  if (!t.id) glGenTextures(1, &t.id);
  const int shape[2] = {w, h};  // the same values in another shape are another picture
  const uint64_t contents = picture_hash(values, sizeof(float) * static_cast<size_t>(w) * static_cast<size_t>(h), picture_hash(shape, sizeof shape));
  if (t.w != w || t.h != h) {
    glBindTexture(GL_TEXTURE_2D, t.id);
    // Float textures are not filterable in WebGL2 without an extension; NEAREST keeps pixels crisp anyway.
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_R32F, w, h, 0, GL_RED, GL_FLOAT, values);
    t.w = w;
    t.h = h;
  } else if (t.contents != contents) {  // unchanged values are not uploaded again
    glBindTexture(GL_TEXTURE_2D, t.id);
    glTexSubImage2D(GL_TEXTURE_2D, 0, 0, 0, w, h, GL_RED, GL_FLOAT, values);
  }
  t.contents = contents;
  if (scale <= 0) {
    for (int i = 0; i < w * h; ++i) scale = std::fmax(scale, std::fabs(values[i]));
    if (!(scale > 0)) scale = 1;
  }
  if (g_params_frame != ImGui::GetFrameCount()) { g_params.clear(); g_params_frame = ImGui::GetFrameCount(); }
  g_params.push_back({t.id, scale, map == Colormap::Diverging ? 0 : 1, &t});
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
  dl->AddCallback(use_colormap, &g_params.back());
  dl->AddImage(reinterpret_cast<ImTextureID>(static_cast<intptr_t>(t.id)), a, b);
  dl->AddCallback(use_imgui_program, nullptr);
}

}  // namespace dlp
