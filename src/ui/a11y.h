// The accessibility mirror. A canvas has nothing a screen reader can read, so each frame records
// the controls it drew, as assistive technology needs them: role, name, value and range, state
// (checked, expanded, selected, disabled), description and bounds, grouped by the window (panel,
// menu, popup) they are in. The page (web/a11y.js) keeps accessible DOM nodes over the canvas from
// them, and the actions a screen reader or the keyboard asks of those nodes (activate, focus,
// step or set a value, type a text) come back here and are taken on the next frame.
//
// Most items are seen without touching their call sites: Dear ImGui's test-engine hooks
// (IMGUI_ENABLE_TEST_ENGINE) report every item's id and rectangle, and the label and status of
// buttons, checkboxes, tabs, menus, selectables, tree nodes, sliders and text fields. What the
// hooks do not carry (a slider's value and range, a combo's choice, a field's text) comes from the
// wrappers below, which the panels call instead of ImGui's own.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "imgui.h"

namespace dlp::a11y {

// Between ImGui::NewFrame() and ImGui::Render() (the platform loop): a frame's record starts
// (and actions asked since the last frame that need the frame, such as focus, are taken), and ends.
void begin_frame();
void end_frame();
// The last frame's record as JSON (docs/accessibility.md), or "" when it equals the one returned last
// time (so the page can poll cheaply). `all` returns it even when unchanged.
const std::string& take_json(bool all);
// An action on an item of the last frame (by its id): "activate", "focus", "increment",
// "decrement", "set" (value), "text" (text); false when no item of the last frame has that id.
// "blur" (id 0): the keyboard left the mirror. "scroll" (id: a scroller): value pages down
// (negative: up; far enough, to the top or the bottom).
bool act(uint32_t id, const std::string& action, double value, const std::string& text);

// The last item, annotated: the description its tooltip gives, a text to read (a readout, a
// lesson's paragraph), or a choice shown by a combo.
void describe(const char* description);
// The last item's accessible name, where its label is a sign ("x", an arrow) or says too little.
void name(const std::string& name);
// The current window is read first (after the menu bar): a first view's guidance, a question.
void read_first();
// The current window is a dialog (a box the student opened: it takes the focus when it opens).
void dialog();
void text(const std::string& words, const char* role = "text");
// A row of the ImGui table being drawn, just filled (its cells as text; header: column names).
// Consecutive rows make a table in the accessibility tree.
void table_row(const std::vector<std::string>& cells, bool header = false);
// The last item as a control of this role and name ImGui does not describe by itself (an
// invisible button over a picture, a progress bar, a plot: "img" with its summary as its name).
void control(const char* role, const std::string& name, const std::string& value_text = "");

// Dear ImGui's widgets with what assistive technology needs: the same signatures and behaviour,
// plus the value and range in the record, and a value set, stepped or typed from assistive
// technology applied as if the student had dragged or typed it (the return value says it changed).
bool SliderFloat(const char* label, float* v, float lo, float hi, const char* format = "%.3f", ImGuiSliderFlags flags = 0);
bool SliderInt(const char* label, int* v, int lo, int hi, const char* format = "%d", ImGuiSliderFlags flags = 0);
bool SliderFloat3(const char* label, float v[3], float lo, float hi, const char* format = "%.3f", ImGuiSliderFlags flags = 0);
bool SliderInt3(const char* label, int v[3], int lo, int hi, const char* format = "%d", ImGuiSliderFlags flags = 0);
bool InputInt(const char* label, int* v, int step = 1, int step_fast = 100, ImGuiInputTextFlags flags = 0);
bool InputInt3(const char* label, int v[3], ImGuiInputTextFlags flags = 0);
// Right after the ImGui::InputText that edits *s: recorded as a text field with its text; true
// when assistive technology typed a new text into it (*s holds it), as if typed and confirmed.
bool text_field(std::string* s);
// Whether the last item took a text or value from assistive technology this frame (as if typed
// and confirmed).
bool typed();
// ImGui::BeginCombo, recorded as a combo box with its choice (and expanded while its list is open).
bool BeginCombo(const char* label, const char* preview, ImGuiComboFlags flags = 0);
// After a Selectable in a combo's list: it is an option, selected or not.
void option(bool selected);
// After a menu item that is a toggle (a checkmark) or one of a set (radio), or a radio button:
// its role and whether it is on.
void checked(bool on, bool radio = false);
// The last item was pressed from the keyboard or a screen reader, not the pointer (an invisible
// button over a picture then acts on its middle).
bool pressed_by_keyboard();

}  // namespace dlp::a11y
