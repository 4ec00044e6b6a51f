// How the page looks, for those who need it otherwise: the text size and a high-contrast theme
// (the Panels menu's View items), kept in the browser. The colours of both themes are set here
// and nowhere else.
#include "ui/app.h"

#include <cstdio>
#include <cstring>

#include "ui/a11y.h"
#include "ui/browser.h"
#include "imgui.h"

namespace dlp {

namespace {
const char* const kViewKey = "dlp.view.v1";
constexpr float kTextScales[] = {1.0f, 1.25f, 1.5f, 2.0f};
}  // namespace

// Dear ImGui's dark theme with opaque windows and popups (overlapping panels stay readable), or
// white on black with yellow for what is active or focused and a border round every control.
void apply_view(const App& app) {
  ImGuiStyle& st = ImGui::GetStyle();
  ImGui::StyleColorsDark(&st);
  st.Colors[ImGuiCol_WindowBg].w = 1.0f;
  st.Colors[ImGuiCol_PopupBg].w = 1.0f;
  // Dear ImGui's dark theme with every text at 4.5:1 or more over what it is drawn on: hovered and
  // pressed buttons, headers and tabs a darker blue, progress bars filled in a darker amber, dimmed
  // text a little lighter (it sits on alternate table rows too).
  st.Colors[ImGuiCol_ButtonHovered] = ImVec4(0.16f, 0.40f, 0.75f, 1.0f);
  st.Colors[ImGuiCol_ButtonActive] = ImVec4(0.06f, 0.33f, 0.70f, 1.0f);
  st.Colors[ImGuiCol_HeaderHovered] = st.Colors[ImGuiCol_TabHovered] = ImVec4(0.20f, 0.45f, 0.80f, 0.9f);
  st.Colors[ImGuiCol_HeaderActive] = ImVec4(0.10f, 0.36f, 0.72f, 1.0f);
  st.Colors[ImGuiCol_PlotHistogram] = ImVec4(0.55f, 0.40f, 0.0f, 1.0f);
  st.Colors[ImGuiCol_TextDisabled] = ImVec4(0.55f, 0.55f, 0.55f, 1.0f);
  st.FrameBorderSize = 0;
  st.WindowBorderSize = 1;
  if (!app.view.high_contrast) return;
  ImVec4* c = st.Colors;
  const ImVec4 black(0, 0, 0, 1), white(1, 1, 1, 1), yellow(1.0f, 0.86f, 0.1f, 1), frame(0.12f, 0.12f, 0.12f, 1),
      raised(0.2f, 0.2f, 0.2f, 1), blue(0.1f, 0.3f, 0.75f, 1);
  for (int i = 0; i < ImGuiCol_COUNT; ++i) c[i] = frame;
  c[ImGuiCol_Text] = white;
  c[ImGuiCol_TextDisabled] = ImVec4(0.8f, 0.8f, 0.8f, 1);
  c[ImGuiCol_WindowBg] = c[ImGuiCol_ChildBg] = c[ImGuiCol_PopupBg] = c[ImGuiCol_MenuBarBg] = black;
  c[ImGuiCol_Border] = c[ImGuiCol_Separator] = c[ImGuiCol_TableBorderStrong] = ImVec4(0.85f, 0.85f, 0.85f, 1);
  c[ImGuiCol_TableBorderLight] = ImVec4(0.5f, 0.5f, 0.5f, 1);
  c[ImGuiCol_BorderShadow] = ImVec4(0, 0, 0, 0);
  c[ImGuiCol_FrameBg] = c[ImGuiCol_Button] = c[ImGuiCol_Header] = c[ImGuiCol_Tab] = c[ImGuiCol_TabUnfocused] = frame;
  c[ImGuiCol_FrameBgHovered] = c[ImGuiCol_ButtonHovered] = c[ImGuiCol_HeaderHovered] = c[ImGuiCol_TabHovered] = raised;
  c[ImGuiCol_FrameBgActive] = c[ImGuiCol_ButtonActive] = c[ImGuiCol_HeaderActive] = blue;
  c[ImGuiCol_TabActive] = c[ImGuiCol_TabUnfocusedActive] = blue;
  c[ImGuiCol_TitleBg] = c[ImGuiCol_TitleBgCollapsed] = frame;
  c[ImGuiCol_TitleBgActive] = blue;
  c[ImGuiCol_CheckMark] = c[ImGuiCol_SliderGrab] = c[ImGuiCol_SliderGrabActive] = yellow;
  c[ImGuiCol_PlotLines] = yellow;
  c[ImGuiCol_PlotHistogram] = c[ImGuiCol_PlotHistogramHovered] = blue;  // white text over it
  c[ImGuiCol_NavHighlight] = c[ImGuiCol_DragDropTarget] = yellow;
  c[ImGuiCol_TextSelectedBg] = blue;
  c[ImGuiCol_ScrollbarBg] = black;
  c[ImGuiCol_ScrollbarGrab] = ImVec4(0.6f, 0.6f, 0.6f, 1);
  c[ImGuiCol_ScrollbarGrabHovered] = c[ImGuiCol_ScrollbarGrabActive] = white;
  c[ImGuiCol_ResizeGrip] = ImVec4(0.6f, 0.6f, 0.6f, 1);
  c[ImGuiCol_ResizeGripHovered] = c[ImGuiCol_ResizeGripActive] = yellow;
  c[ImGuiCol_TableHeaderBg] = frame;
  c[ImGuiCol_TableRowBg] = black;
  c[ImGuiCol_TableRowBgAlt] = ImVec4(0.08f, 0.08f, 0.08f, 1);
  c[ImGuiCol_ModalWindowDimBg] = ImVec4(0, 0, 0, 0.7f);
  c[ImGuiCol_NavWindowingHighlight] = yellow;
  c[ImGuiCol_NavWindowingDimBg] = ImVec4(0, 0, 0, 0.7f);
  st.FrameBorderSize = 1;
}

void load_view(App& app) {
  std::vector<uint8_t> b;
  if (!storage_load(kViewKey, &b)) return;
  const std::string text(b.begin(), b.end());
  float scale = 1;
  int contrast = 0;
  if (std::sscanf(text.c_str(), "text %f contrast %d", &scale, &contrast) != 2) return;  // not ours: the defaults
  for (float s : kTextScales) if (s == scale) app.view.text_scale = s;
  app.view.high_contrast = contrast == 1;
}

static void save_view(const App& app) {
  char text[64];
  std::snprintf(text, sizeof text, "text %g contrast %d", static_cast<double>(app.view.text_scale), app.view.high_contrast ? 1 : 0);
  storage_save(kViewKey, std::vector<uint8_t>(text, text + std::strlen(text)));
}

void view_menu_items(App& app) {
  if (ImGui::BeginMenu("Text size")) {
    for (float s : kTextScales) {
      char label[16];
      std::snprintf(label, sizeof label, "%.0f%%", 100.0 * s);
      if (ImGui::MenuItem(label, nullptr, app.view.text_scale == s) && app.view.text_scale != s) {
        ++app.clicks;
        app.view.text_scale = s;
        app.relayout = true;
        save_view(app);
      }
      a11y::checked(app.view.text_scale == s, true);
      note_widget(app, std::string("text-size:") + label);
    }
    ImGui::EndMenu();
  }
  if (ImGui::MenuItem("High contrast", nullptr, app.view.high_contrast)) {
    ++app.clicks;
    app.view.high_contrast = !app.view.high_contrast;
    apply_view(app);
    save_view(app);
  }
  a11y::checked(app.view.high_contrast);
  note_widget(app, "high-contrast", "White on black, with yellow for what is active and a border round every control.");
}

}  // namespace dlp
