// The accessibility mirror's record (a11y.h): Dear ImGui's test-engine hooks see each item, the
// wrappers add values, and the page reads the record as JSON (web/a11y.js).
#include "ui/a11y.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <deque>
#include <map>
#include <unordered_map>
#include <vector>

#include "engine/json.h"
#include "imgui_internal.h"
#include "session/redraw.h"

namespace dlp::a11y {
namespace {

struct Item {
  ImGuiID id = 0, window = 0;
  ImGuiID host = 0;      // the window (or child) it is drawn in: where focus and scrolling go
  ImGuiID group = 0;     // a tab's tab bar
  ImGuiID scroller = 0;  // the window (or child) that scrolls it vertically, if any
  std::string role, name, description, value_text;
  std::vector<std::string> cells;  // a table row's
  bool header = false;             // a table's row of column names
  double value = 0, lo = 0, hi = 0;
  bool range = false, disabled = false, haspopup = false;
  int checked = -1, expanded = -1, selected = -1;  // -1: not a state of this item
  ImRect r;
  bool operator==(const Item& o) const {
    return id == o.id && window == o.window && host == o.host && group == o.group && scroller == o.scroller && role == o.role &&
           name == o.name && description == o.description && value_text == o.value_text && cells == o.cells &&
           header == o.header && value == o.value && lo == o.lo && hi == o.hi && range == o.range && disabled == o.disabled &&
           haspopup == o.haspopup && checked == o.checked && expanded == o.expanded && selected == o.selected &&
           r.Min.x == o.r.Min.x && r.Min.y == o.r.Min.y && r.Max.x == o.r.Max.x && r.Max.y == o.r.Max.y;
  }
};

struct Window {
  ImGuiID id = 0;
  std::string title, role;
  bool modal = false;
  ImRect r;
  bool operator==(const Window& o) const {
    return id == o.id && title == o.title && role == o.role && modal == o.modal && r.Min.x == o.r.Min.x && r.Min.y == o.r.Min.y &&
           r.Max.x == o.r.Max.x && r.Max.y == o.r.Max.y;
  }
};

// A window or child that scrolls vertically, and which ways it has more to show.
struct Scroller {
  ImGuiID id = 0;
  bool above = false, below = false;
  bool operator==(const Scroller& o) const { return id == o.id && above == o.above && below == o.below; }
};

struct Frame {
  std::vector<Item> items;
  std::vector<Window> windows;
  std::vector<Scroller> scrollers;
  ImGuiID focus = 0;
  bool text_input = false;  // an ImGui text field has the keyboard (Tab moves between its fields)
  bool operator==(const Frame& o) const {
    return items == o.items && windows == o.windows && scrollers == o.scrollers && focus == o.focus && text_input == o.text_input;
  }
};

// Actions that wait for the item's next appearance (a wrapper takes them), and the focus asked for.
struct Pending {
  std::string action;
  double value = 0;
  std::string text;
  int frame = 0;  // asked before this frame began; dropped when no wrapper took it within two frames
};

struct Record {
  bool recording = false;
  Frame now, last, sent;
  bool sent_any = false;
  std::unordered_map<ImGuiID, size_t> index;     // id -> place in now.items
  std::unordered_map<ImGuiID, ImRect> added;     // every item added this frame (hook), visible or not
  std::map<ImGuiID, std::deque<Pending>> pending;  // each item's actions in the order asked, one taken a frame
  ImGuiID focus_asked = 0;
  int frame = 0;
  ImGuiID typed = 0;  // the item given a text or value from assistive technology this frame
  std::map<ImGuiID, int> scroll_asked;  // scroller -> pages down (negative: up)
  std::vector<ImGuiID> first;    // windows read first this frame
  std::vector<ImGuiID> dialogs;  // windows that are dialogs this frame
  std::string json;
} rec;

// "Train##run" -> "Train"; "##lesson" -> "lesson" (an item with no visible label is named by its id).
std::string visible_label(const char* label) {
  if (!label) return "";
  const char* hashes = std::strstr(label, "##");
  if (!hashes) return label;
  if (hashes != label) return std::string(label, static_cast<size_t>(hashes - label));
  std::string id = label + 2 + (label[2] == '#' ? 1 : 0);
  std::replace(id.begin(), id.end(), '-', ' ');
  std::replace(id.begin(), id.end(), '_', ' ');
  return id;
}

bool in_menu(const ImGuiWindow* w) {
  return (w->RootWindow->Flags & ImGuiWindowFlags_ChildMenu) || w->DC.NavLayerCurrent == ImGuiNavLayer_Menu;
}
bool in_combo_list(const ImGuiWindow* w) {
  return (w->RootWindow->Flags & ImGuiWindowFlags_Popup) && std::strncmp(w->RootWindow->Name, "##Combo_", 8) == 0;
}

Item* last_item() {
  const ImGuiID id = ImGui::GetItemID();
  auto it = rec.index.find(id);
  return it == rec.index.end() ? nullptr : &rec.now.items[it->second];
}

Item& add_item(ImGuiID id, const ImRect& r) {
  ImGuiContext& g = *GImGui;
  auto it = rec.index.find(id);
  if (it == rec.index.end()) {
    it = rec.index.emplace(id, rec.now.items.size()).first;
    rec.now.items.emplace_back();
  }
  Item& item = rec.now.items[it->second];
  item = Item{};
  item.id = id;
  item.window = g.CurrentWindow->RootWindow->ID;
  item.host = g.CurrentWindow->ID;
  for (const ImGuiWindow* w = g.CurrentWindow; w; w = (w->Flags & ImGuiWindowFlags_ChildWindow) ? w->ParentWindow : nullptr)
    if (w->ScrollbarY && w->ScrollMax.y > 0) { item.scroller = w->ID; break; }
  // The item with its label (ImGui's last item when it is this one; else what it added, which for
  // a slider or combo is its frame alone).
  auto added = rec.added.find(id);
  item.r = g.LastItemData.ID == id || added == rec.added.end() ? r : added->second;
  item.disabled = (g.LastItemData.InFlags & ImGuiItemFlags_Disabled) != 0;
  return item;
}

bool take(ImGuiID id, Pending* out) {
  auto it = rec.pending.find(id);
  if (it == rec.pending.end()) return false;
  *out = it->second.front();
  it->second.pop_front();
  if (it->second.empty()) rec.pending.erase(it);
  else it->second.front().frame = rec.frame;  // the next is taken on the next frame (asked for below)
  rec.typed = id;
  redraw().now(2);
  return true;
}

// A slider's value stepped or set from assistive technology. Steps: one for integers, a hundredth
// of the range on a linear scale, a twentieth of a decade on a logarithmic one (a slider that
// stops at round values, such as the learning rate, goes on to its next stop from there).
template <typename T>
bool apply(ImGuiID id, T* v, T lo, T hi, bool logarithmic) {
  Pending p;
  if (!take(id, &p) || hi < lo) return false;
  double x = static_cast<double>(*v);
  const int dir = p.action == "increment" ? 1 : p.action == "decrement" ? -1 : 0;
  if (p.action == "set") x = p.value;
  else if (dir == 0) return false;
  else if (std::is_integral_v<T>) x += dir;
  else if (logarithmic && lo > 0) x *= std::pow(10.0, dir / 20.0);
  else x += dir * (static_cast<double>(hi) - static_cast<double>(lo)) / 100.0;
  x = std::clamp(x, static_cast<double>(lo), static_cast<double>(hi));
  const T nv = static_cast<T>(std::is_integral_v<T> ? std::round(x) : x);
  if (nv == *v) return false;
  *v = nv;
  return true;
}

template <typename T>
void as_slider(Item* item, T v, T lo, T hi, const char* format) {
  if (!item) return;
  item->role = "slider";
  item->range = true;
  item->value = static_cast<double>(v), item->lo = static_cast<double>(lo), item->hi = static_cast<double>(hi);
  char buf[64];
  if (format) std::snprintf(buf, sizeof buf, format, v);
  else std::snprintf(buf, sizeof buf, "%g", static_cast<double>(v));
  item->value_text = buf;
}

void rect(JsonWriter& w, const ImRect& r) {
  w.key("r").array().value(std::round(r.Min.x)).value(std::round(r.Min.y)).value(std::round(r.GetWidth())).value(std::round(r.GetHeight())).end();
}

}  // namespace

void begin_frame() {
  ImGuiContext& g = *GImGui;
  g.TestEngineHookItems = true;
  rec.recording = true;
  ++rec.frame;
  rec.typed = 0;
  for (auto it = rec.pending.begin(); it != rec.pending.end();)  // asked of an item no wrapper draws
    it = rec.frame - it->second.front().frame > 2 ? rec.pending.erase(it) : std::next(it);
  rec.now = Frame{};
  rec.index.clear();
  rec.added.clear();
  rec.first.clear();
  rec.dialogs.clear();
  // Focus asked by the page: ImGui's navigation moves there (its highlight shows where the
  // keyboard is) and the item's window scrolls it into view.
  if (rec.focus_asked) {
    for (const Item& it : rec.last.items) {
      if (it.id != rec.focus_asked) continue;
      if (ImGuiWindow* w = ImGui::FindWindowByID(it.host)) {
        ImGui::SetFocusID(it.id, w);
        g.NavDisableHighlight = false;
        g.NavDisableMouseHover = true;
        ImGui::ScrollToBringRectIntoView(w, it.r);
      }
    }
    rec.focus_asked = 0;
  }
  // A page of a scrolling panel asked for (Tab past the last control in view): what comes next
  // is drawn, so it can take the focus.
  for (const auto& [id, pages] : rec.scroll_asked)
    if (ImGuiWindow* w = ImGui::FindWindowByID(id))
      ImGui::SetScrollY(w, std::clamp(w->Scroll.y + pages * w->InnerRect.GetHeight() * 0.8f, 0.0f, w->ScrollMax.y));
  rec.scroll_asked.clear();
}

void end_frame() {
  ImGuiContext& g = *GImGui;
  rec.recording = false;
  for (Item& it : rec.now.items) {  // ImGui 1.86 reports a tab before adding it: its rectangle is known now
    auto added = rec.added.find(it.id);
    if (it.role == "tab" && added != rec.added.end()) it.r = added->second, it.disabled = false;
  }
  // The windows the items are in, in the order their first item was drawn (the reading order:
  // the menu bar, then the panels as the app draws them, then popups).
  std::vector<ImGuiID> order;
  for (const Item& it : rec.now.items)
    if (std::find(order.begin(), order.end(), it.window) == order.end()) order.push_back(it.window);
  const ImGuiWindow* bar = ImGui::FindWindowByName("##MainMenuBar");
  std::stable_sort(order.begin(), order.end(), [&](ImGuiID a, ImGuiID b) {
    auto rank = [&](ImGuiID w) { return bar && w == bar->ID ? 0 : std::count(rec.first.begin(), rec.first.end(), w) ? 1 : 2; };
    return rank(a) < rank(b);
  });
  for (ImGuiID id : order) {
    const ImGuiWindow* w = ImGui::FindWindowByID(id);
    if (!w) continue;
    Window out;
    out.id = id;
    out.r = w->Rect();
    if (w->Flags & ImGuiWindowFlags_ChildMenu) out.role = "menu";
    else if (std::strncmp(w->Name, "##Combo_", 8) == 0) out.role = "listbox";
    else if (std::strcmp(w->Name, "##MainMenuBar") == 0) out.role = "menubar", out.title = "Menu";
    else if (w->Flags & ImGuiWindowFlags_Popup) out.role = "dialog", out.modal = (w->Flags & ImGuiWindowFlags_Modal) != 0;
    else if (std::count(rec.dialogs.begin(), rec.dialogs.end(), id)) out.role = "dialog";
    else out.role = "region";
    if (out.title.empty() && out.role != "menu" && out.role != "listbox")
      out.title = (w->Flags & ImGuiWindowFlags_Popup) && !(w->Flags & ImGuiWindowFlags_Modal) ? "Options" : visible_label(w->Name);
    rec.now.windows.push_back(out);
  }
  for (const Item& it : rec.now.items) {
    if (!it.scroller) continue;
    bool known = false;
    for (const Scroller& s : rec.now.scrollers) known |= s.id == it.scroller;
    const ImGuiWindow* w = ImGui::FindWindowByID(it.scroller);
    if (!known && w) rec.now.scrollers.push_back({it.scroller, w->Scroll.y > 0.5f, w->Scroll.y < w->ScrollMax.y - 0.5f});
  }
  rec.now.focus = g.NavId && !g.NavDisableHighlight ? g.NavId : 0;
  rec.now.text_input = g.IO.WantTextInput;
  rec.last = rec.now;
}

const std::string& take_json(bool all) {
  static const std::string none;
  if (!all && rec.sent_any && rec.last == rec.sent) return none;
  rec.sent = rec.last;
  rec.sent_any = true;
  JsonWriter w;
  w.object().key("windows").array();
  for (const Window& win : rec.sent.windows) {
    w.object().field("id", win.id).field("title", win.title).field("role", win.role);
    if (win.modal) w.field("modal", true);
    rect(w, win.r);
    w.key("items").array();
    for (const Item& it : rec.sent.items) {
      if (it.window != win.id) continue;
      w.object().field("id", it.id).field("role", it.role).field("name", it.name);
      rect(w, it.r);
      if (!it.description.empty()) w.field("description", it.description);
      if (it.range) w.field("value", it.value).field("min", it.lo).field("max", it.hi);
      if (!it.value_text.empty() || it.range) w.field("valueText", it.value_text);
      if (it.checked >= 0) w.field("checked", it.checked == 1);
      if (it.expanded >= 0) w.field("expanded", it.expanded == 1);
      if (it.selected >= 0) w.field("selected", it.selected == 1);
      if (it.haspopup) w.field("haspopup", true);
      if (it.group) w.field("group", it.group);
      if (it.scroller) w.field("scroller", it.scroller);
      if (it.header) w.field("header", true);
      if (!it.cells.empty()) {
        w.key("cells").array();
        for (const std::string& c : it.cells) w.value(c);
        w.end();
      }
      if (it.disabled) w.field("disabled", true);
      w.end();
    }
    w.end().end();
  }
  w.end().key("scrollers").array();
  for (const Scroller& s : rec.sent.scrollers) w.object().field("id", s.id).field("above", s.above).field("below", s.below).end();
  w.end().field("focus", rec.sent.focus).field("textInput", rec.sent.text_input).end();
  rec.json = w.str();
  return rec.json;
}

bool act(uint32_t id, const std::string& action, double value, const std::string& text) {
  const Item* item = nullptr;
  for (const Item& it : rec.last.items)
    if (it.id == id) item = &it;
  redraw().now(3);
  if (action == "blur") { GImGui->NavDisableHighlight = true; return true; }  // the keyboard went back to the canvas
  if (action == "scroll") {  // id: a scroller
    rec.scroll_asked[id] += static_cast<int>(std::clamp(value, -1000.0, 1000.0));
    return true;
  }
  if (!item) return false;
  if (action == "focus") { rec.focus_asked = id; return true; }
  // A disabled control does nothing, and nothing behind an open question does (as for the pointer).
  if (item->disabled) return false;
  for (auto w = rec.last.windows.rbegin(); w != rec.last.windows.rend(); ++w)
    if (w->modal) {
      if (item->window != w->id) return false;
      break;
    }
  if (action == "activate" && item->role != "slider" && item->role != "textbox") {
    ImGui::ActivateItem(id);  // taken on the next frame, when the item is drawn again
    return true;
  }
  // Two presses of a key before the next frame are two steps: they wait their turn (a few dozen at
  // most, the rest of a held key dropped).
  std::deque<Pending>& queue = rec.pending[id];
  if (queue.size() < 32) queue.push_back(Pending{action, value, text, rec.frame});
  return true;
}

void read_first() { rec.first.push_back(ImGui::GetCurrentWindow()->RootWindow->ID); }

void dialog() { rec.dialogs.push_back(ImGui::GetCurrentWindow()->RootWindow->ID); }

void name(const std::string& name) {
  if (Item* it = last_item()) it->name = name;
  else control("button", name);  // an item ImGui does not report (an arrow button)
}

void describe(const char* description) {
  if (Item* it = last_item(); it && description) it->description = description;
}

// An id for what has none of its own (a readout, a table row): its role and its place among the
// window's items of that role this frame.
static ImGuiID made_id(const char* role) {
  const ImGuiID window = GImGui->CurrentWindow->RootWindow->ID;
  int n = 0;
  for (const Item& it : rec.now.items) n += it.window == window && it.role == role;
  return ImGui::GetID((std::string("a11y:") + role + std::to_string(n)).c_str());
}

void text(const std::string& words, const char* role) {
  if (!rec.recording || words.empty()) return;
  Item& it = add_item(made_id(role), GImGui->LastItemData.Rect);
  it.role = role;
  it.name = words;
}

void table_row(const std::vector<std::string>& cells, bool header) {
  ImGuiTable* table = ImGui::GetCurrentTable();
  if (!rec.recording || !table) return;
  ImGuiContext& g = *GImGui;
  const ImRect r(table->WorkRect.Min.x, table->RowPosY1, table->WorkRect.Max.x, std::max(table->RowPosY1 + 1, g.LastItemData.Rect.Max.y));
  Item& it = add_item(made_id("row"), r);
  it.role = "row";
  it.cells = cells;
  it.header = header;
}

void control(const char* role, const std::string& name, const std::string& value_text) {
  if (!rec.recording) return;
  ImGuiContext& g = *GImGui;
  ImGuiID id = g.LastItemData.ID;
  if (id == 0) id = ImGui::GetID(("a11y:" + name).c_str());
  Item& it = add_item(id, g.LastItemData.Rect);
  it.role = role;
  it.name = name;
  it.value_text = value_text;
}

bool SliderFloat(const char* label, float* v, float lo, float hi, const char* format, ImGuiSliderFlags flags) {
  bool changed = ImGui::SliderFloat(label, v, lo, hi, format, flags);
  changed |= apply(ImGui::GetItemID(), v, lo, hi, (flags & ImGuiSliderFlags_Logarithmic) != 0);
  as_slider(last_item(), *v, lo, hi, format);
  return changed;
}

bool SliderInt(const char* label, int* v, int lo, int hi, const char* format, ImGuiSliderFlags flags) {
  bool changed = ImGui::SliderInt(label, v, lo, hi, format, flags);
  changed |= apply(ImGui::GetItemID(), v, lo, hi, false);
  as_slider(last_item(), *v, lo, hi, format);
  return changed;
}

// ImGui draws the N components as N sliders with empty labels after pushing the label's id and
// the component's index, then the label as text: each component is named "<label> 1 of 3" here.
template <typename T, typename Draw>
static bool components(const char* label, T* v, int n, T lo, T hi, const char* format, bool slider, Draw draw) {
  // Component k's id, as ImGui makes it (PushID(label), PushID(k), an empty label): a component
  // scrolled out of view is not recorded, and the others keep their own values.
  ImGuiID ids[4] = {};
  ImGui::PushID(label);
  for (int k = 0; k < n && k < 4; ++k) {
    ImGui::PushID(k);
    ids[k] = ImGui::GetID("");
    ImGui::PopID();
  }
  ImGui::PopID();
  bool changed = draw();
  const std::string name = visible_label(label);
  for (int k = 0; k < n && k < 4; ++k) {
    changed |= apply(ids[k], &v[k], lo, hi, false);
    auto at = rec.index.find(ids[k]);
    if (at == rec.index.end()) continue;
    Item& it = rec.now.items[at->second];
    if (slider) as_slider(&it, v[k], lo, hi, format);
    else it.role = "spinbutton", it.value_text = std::to_string(static_cast<long long>(v[k]));
    it.name = name + " " + std::to_string(k + 1) + " of " + std::to_string(n);
  }
  return changed;
}

bool SliderFloat3(const char* label, float v[3], float lo, float hi, const char* format, ImGuiSliderFlags flags) {
  return components(label, v, 3, lo, hi, format, true, [&] { return ImGui::SliderFloat3(label, v, lo, hi, format, flags); });
}

bool SliderInt3(const char* label, int v[3], int lo, int hi, const char* format, ImGuiSliderFlags flags) {
  return components(label, v, 3, lo, hi, format, true, [&] { return ImGui::SliderInt3(label, v, lo, hi, format, flags); });
}

// A number field: a spin button whose arrows step it; ImGui's -/+ buttons beside it are named
// for what they do.
bool InputInt(const char* label, int* v, int step, int step_fast, ImGuiInputTextFlags flags) {
  const size_t before = rec.now.items.size();
  bool changed = ImGui::InputInt(label, v, step, step_fast, flags);
  const std::string name = visible_label(label);
  for (size_t i = before; i < rec.now.items.size(); ++i) {
    Item& it = rec.now.items[i];
    if (it.name == "-") it.name = "Decrease " + name;
    else if (it.name == "+") it.name = "Increase " + name;
    else if (it.role == "slider") {
      it.name = name;
      Pending p;
      if (take(it.id, &p)) {
        const int by = step > 0 ? step : 1;  // a field without -/+ buttons still steps by one from the keyboard
        const int nv = p.action == "set" ? static_cast<int>(std::lround(p.value)) : *v + (p.action == "increment" ? by : p.action == "decrement" ? -by : 0);
        if (nv != *v) *v = nv, changed = true;
      }
      it.role = "spinbutton";
      it.value_text = std::to_string(*v);
    }
  }
  return changed;
}

bool InputInt3(const char* label, int v[3], ImGuiInputTextFlags flags) {
  return components(label, v, 3, INT32_MIN, INT32_MAX, nullptr, false, [&] { return ImGui::InputInt3(label, v, flags); });
}

bool text_field(std::string* s) {
  Item* it = last_item();
  bool typed = false;
  Pending p;
  if (it && take(it->id, &p) && p.action == "text") { *s = p.text; typed = true; }
  if (it) it->role = "textbox", it->value_text = *s;
  return typed;
}

bool BeginCombo(const char* label, const char* preview, ImGuiComboFlags flags) {
  const ImGuiID id = ImGui::GetID(label);
  ImGuiWindow* window = ImGui::GetCurrentWindow();
  const bool open = ImGui::BeginCombo(label, preview, flags);
  auto added = rec.added.find(id);
  // Recorded when it was drawn (a combo scrolled out of its panel is clipped, as ImGui's own items are).
  if (rec.recording && added != rec.added.end() && window->ClipRect.Overlaps(added->second)) {
    ImGuiContext& g = *GImGui;
    ImGuiWindow* popup = g.CurrentWindow;
    g.CurrentWindow = window;  // the combo belongs to its panel, not to its list
    // Its label is beside its frame (the item ImGui added).
    ImRect r = added->second;
    const float label_w = ImGui::CalcTextSize(label, nullptr, true).x;
    if (label_w > 0) r.Max.x += ImGui::GetStyle().ItemInnerSpacing.x + label_w;
    Item& it = add_item(id, r);
    it.r = r;
    g.CurrentWindow = popup;
    it.window = window->RootWindow->ID;
    it.role = "combobox";
    it.name = visible_label(label);
    it.value_text = preview ? preview : "";
    it.expanded = open ? 1 : 0;
    it.haspopup = true;
  }
  return open;
}

bool typed() { return rec.typed != 0 && rec.typed == ImGui::GetItemID(); }

bool pressed_by_keyboard() { return GImGui->NavActivateId != 0 && GImGui->NavActivateId == ImGui::GetItemID(); }

void checked(bool on, bool radio) {
  Item* it = last_item();
  if (!it) return;
  const bool menu = it->role == "menuitem" || it->role == "menuitemcheckbox" || it->role == "menuitemradio";
  it->role = menu ? (radio ? "menuitemradio" : "menuitemcheckbox") : (radio ? "radio" : "checkbox");
  it->checked = on ? 1 : 0;
}

void option(bool selected) {
  if (Item* it = last_item()) it->role = "option", it->selected = selected ? 1 : 0;
}

}  // namespace dlp::a11y

// Dear ImGui's test-engine hooks (imgui_internal.h, IMGUI_ENABLE_TEST_ENGINE): every item added,
// and the label and status of each interactive one, as it is drawn.
void ImGuiTestEngineHook_ItemAdd(ImGuiContext*, const ImRect& bb, ImGuiID id) {
  if (dlp::a11y::rec.recording) dlp::a11y::rec.added[id] = bb;
}

void ImGuiTestEngineHook_ItemInfo(ImGuiContext* ctx, ImGuiID id, const char* label, ImGuiItemStatusFlags flags) {
  using namespace dlp::a11y;
  if (!rec.recording || id == 0) return;
  ImGuiContext& g = *ctx;
  ImGuiWindow* w = g.CurrentWindow;
  if (!w || (w->RootWindow->Flags & ImGuiWindowFlags_Tooltip)) return;
  Item& it = add_item(id, g.LastItemData.Rect);
  it.name = visible_label(label);
  ImGuiTabBar* tabs = g.CurrentTabBar;
  if (tabs && ImGui::TabBarFindTabByID(tabs, id)) {
    it.role = "tab";
    it.group = tabs->ID;
    it.selected = tabs->VisibleTabId == id ? 1 : 0;
  } else if (in_menu(w)) {
    // ImGui 1.86 calls every menu item checkable: the ones that are toggles say so (a11y::checked).
    if (flags & ImGuiItemStatusFlags_Openable) it.role = "menuitem", it.haspopup = true, it.expanded = (flags & ImGuiItemStatusFlags_Opened) ? 1 : 0;
    else it.role = "menuitem";
  } else if (in_combo_list(w)) {
    it.role = "option";
    it.selected = 0;
  } else if (flags & ImGuiItemStatusFlags_Checkable) {
    it.role = "checkbox";
    it.checked = (flags & ImGuiItemStatusFlags_Checked) ? 1 : 0;
  } else if (flags & ImGuiItemStatusFlags_Openable) {
    it.role = "button";
    it.expanded = (flags & ImGuiItemStatusFlags_Opened) ? 1 : 0;
  } else if (g.LastItemData.InFlags & ImGuiItemFlags_Inputable) {
    it.role = "slider";  // the wrapper gives its value; a text field's says it is one
  } else {
    it.role = "button";
  }
}

void ImGuiTestEngineHook_Log(ImGuiContext*, const char*, ...) {}
const char* ImGuiTestEngine_FindItemDebugLabel(ImGuiContext*, ImGuiID) { return nullptr; }
