#include "ui/app.h"

#include <algorithm>
#include <cstring>

#include "data/augment.h"
#include "engine/pytorch_export.h"
#include "ui/a11y.h"
#include "engine/safetensors.h"
#include "session/redraw.h"
#include "ui/browser.h"
#include "imgui.h"
#include "imgui_internal.h"

namespace dlp {

bool use_data(App& app, const std::string& name) {
  Session& s = app.session;
  if (!s.open_data(name)) { s.say(Topic::Status, "Could not open " + name + ": " + words(s.told(Topic::Data))); return false; }
  request_dataset(name);
  return true;
}

void app_init(App& app, const std::string& catalog) {
  Session& s = app.session;
  std::string err;
  if (!parse_catalog(catalog, &s.data.catalog, &err)) {
    s.say(Topic::Data, err);
    s.say(Topic::Status, "The page's data catalog is broken: " + err);
  }
  use_data(app, "mnist");
  s.set_spec(s.draft.text);
  app.spec_edit = s.draft.text;
  load_own(s);
  load_lesson_progress(app);
  load_view(app);
  apply_view(app);
  std::vector<uint8_t> seen;
  if (!restore_session(app) && !storage_load("dlp.started.v1", &seen)) {
    // A first visit: two panels and a way in, not five panels of jargon. Everything is one click away.
    app.show_start_here = true;
    app.show_model = app.show_data = app.show_inspect = false;
  }
}

// The first view's box goes for good once the student picks a way in, opens a panel or a link.
static void leave_start_here(App& app) {
  if (!app.show_start_here) return;
  app.show_start_here = false;
  storage_save("dlp.started.v1", {'1'});
}

// The first view: where to begin, in three buttons. A link or any choice closes it for good.
static void start_here_window(App& app) {
  if (!app.show_start_here) return;
  const ImVec2 ds = ImGui::GetIO().DisplaySize;
  ImGui::SetNextWindowPos(ImVec2(ds.x * 0.5f, ds.y * 0.5f), ImGuiCond_Always, ImVec2(0.5f, 0.5f));
  ImGui::SetNextWindowSize(ImVec2(std::min(ImGui::GetFontSize() * 30, ds.x - 24), 0));
  ImGui::Begin("Start here", nullptr, ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoSavedSettings);
  a11y::read_first();
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextUnformatted("This playground trains a neural network on handwritten digits, right in your browser, "
                         "and lets you look inside it while it learns.");
  ImGui::Spacing();
  ImGui::PopTextWrapPos();
  const float w = ImGui::GetContentRegionAvail().x;
  auto choice = [&](const char* label, const char* name, const char* what) {
    const bool hit = ImGui::Button(label, ImVec2(w, 0));
    note_widget(app, name);
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextDisabled("%s", what);
    ImGui::PopTextWrapPos();
    ImGui::Spacing();
    return hit;
  };
  int picked = 0;
  if (choice("Train, then draw a digit", "start-train", "Training starts now; after a minute, draw a digit in the Draw panel and see what the network reads.")) picked = 1;
  if (choice("Start the first lesson", "start-lesson", "Seventeen short lessons, from softmax to inception networks, each with something to try.")) picked = 2;
  if (choice("Show everything", "start-all", "All five panels: model, training, drawing, data, and the network's insides.")) picked = 3;
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextDisabled("Hover (or long-press) any control to see what it does. The Panels menu brings back any panel.");
  ImGui::PopTextWrapPos();
  ImGui::End();
  if (!picked) return;
  ++app.clicks;
  leave_start_here(app);
  if (picked == 1) { app.show_train = app.show_draw = true; if (app.session.trainer) app.session.start_training(); }
  if (picked == 2) { app.show_lessons = true; app.lesson = course().empty() ? "" : course()[0].id; }
  if (picked == 3) app.show_model = app.show_train = app.show_draw = app.show_data = app.show_inspect = true;
}

void note_widget(App& app, const std::string& name, const char* tip) {
  a11y::describe(tip);
  const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
  const ImGuiWindow* w = ImGui::GetCurrentWindow();
  const ImRect& in = w->InnerClipRect;
  app.widgets[name] = {PadRect{a.x, a.y, b.x - a.x, b.y - a.y}, PadRect{in.Min.x, in.Min.y, in.Max.x - in.Min.x, in.Max.y - in.Min.y},
                       w->ScrollMax.y > 0};
  if (tip && ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) {
    app.tooltip = tip;
    // A tooltip never covers the Train panel's alert: it opens on the side of the control away
    // from it (above a control over the alert, below one under it).
    // Without room above, it goes beside the control's window (the alert is inside the Train panel).
    const PadRect& al = app.alert_rect;
    const bool in_alert = a.x >= al.x && a.y >= al.y && b.x <= al.x + al.w && b.y <= al.y + al.h;
    if (al.w > 0 && !in_alert) {
      const bool above = (a.y + b.y) / 2 < al.y;
      const float tip_w = ImGui::GetFontSize() * 24 + 2 * ImGui::GetStyle().WindowPadding.x, ds_w = ImGui::GetIO().DisplaySize.x;
      if (!above) ImGui::SetNextWindowPos(ImVec2(std::min(a.x, ds_w - tip_w), b.y + 4), ImGuiCond_Always);
      else if (a.y > ImGui::GetFontSize() * 8) ImGui::SetNextWindowPos(ImVec2(std::min(a.x, ds_w - tip_w), a.y - 4), ImGuiCond_Always, ImVec2(0, 1));
      else {
        const ImRect r = w->Rect();
        const bool right = r.Max.x + 4 + tip_w <= ds_w;
        ImGui::SetNextWindowPos(ImVec2(right ? r.Max.x + 4 : r.Min.x - 4, a.y), ImGuiCond_Always, ImVec2(right ? 0.0f : 1.0f, 0));
      }
    }
    ImGui::BeginTooltip();
    ImGui::PushTextWrapPos(ImGui::GetFontSize() * 24);
    ImGui::TextUnformatted(tip);
    ImGui::PopTextWrapPos();
    const ImVec2 tp = ImGui::GetWindowPos(), ts = ImGui::GetWindowSize();
    app.tooltip_rect = {tp.x, tp.y, ts.x, ts.y};
    ImGui::EndTooltip();
  }
}

bool touch_screen() { return ImGui::GetStyle().TouchExtraPadding.x > 0; }

TouchRows::TouchRows() : pushed(touch_screen()) {
  if (pushed) ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(ImGui::GetStyle().ItemSpacing.x, 40 - ImGui::GetTextLineHeight()));
}
TouchRows::~TouchRows() {
  if (pushed) ImGui::PopStyleVar();
}

bool combo(const char* label, int* current, const char* items, App* app, const char* name) {
  std::vector<const char*> list;
  for (const char* p = items; *p; p += std::strlen(p) + 1) list.push_back(p);
  const bool in_range = *current >= 0 && *current < static_cast<int>(list.size());
  bool changed = false;
  if (a11y::BeginCombo(label, in_range ? list[static_cast<size_t>(*current)] : "")) {
    {
      TouchRows rows;  // popped before the popup ends (ImGui checks its style stack at End)
      for (int i = 0; i < static_cast<int>(list.size()); ++i) {
        const bool picked = i == *current;
        if (ImGui::Selectable(list[static_cast<size_t>(i)], picked) && !picked) { *current = i; changed = true; }
        a11y::option(picked);
        if (picked && ImGui::IsWindowAppearing()) ImGui::SetItemDefaultFocus();
        if (app && name) note_widget(*app, std::string("option:") + name + ":" + list[static_cast<size_t>(i)]);
      }
    }
    ImGui::EndCombo();
  }
  return changed;
}

bool App::hides(const char* control) const {
  for (const auto& h : hidden)
    if (h == control) return true;
  return false;
}

bool small_button(const char* label) { return touch_screen() ? ImGui::Button(label) : ImGui::SmallButton(label); }

void same_line_if_fits(float width) {
  const float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
  if (ImGui::GetItemRectMax().x + ImGui::GetStyle().ItemSpacing.x + width <= right) ImGui::SameLine();
}

void same_line_if_button_fits(const char* label) {
  same_line_if_fits(ImGui::CalcTextSize(label).x + ImGui::GetStyle().FramePadding.x * 2);
}

float label_width(float item_width, const char* label) {
  const float text = ImGui::CalcTextSize(label, nullptr, true).x;
  return item_width + (text > 0 ? ImGui::GetStyle().ItemInnerSpacing.x + text : 0);
}

bool tab_item(App& app, const char* label, const char* name) {
  const bool open = ImGui::BeginTabItem(label);
  note_widget(app, std::string("tab:") + name);
  if (open) app.widgets[std::string("tabopen:") + name] = app.widgets[std::string("tab:") + name];
  return open;
}

// A preset's settings come with its model (before the rebuild, so the run starts with them).
static void set_spec_with(App& app, const std::string& text, const TrainConfig* train) {
  Session& s = app.session;
  if (train && s.check_spec(text, nullptr, nullptr, nullptr)) {
    const float l2 = s.cfg.l2;
    s.cfg = *train;
    s.cfg.l2 = l2;
    s.cfg.augment = train->augment && presets_augment(s.data.name);
  }
  s.set_spec(text);
}

void request_spec(App& app, const std::string& text, const TrainConfig* train) {
  Session& s = app.session;
  app.spec_edit = text;
  // Only a valid spec can replace the model, and only then is there anything to ask about; an
  // invalid one is shown with its error while the trained model stays.
  if (s.check_spec(text, nullptr, nullptr, nullptr) && s.steps() > 0 && s.model) {
    app.pending_spec = text;
    app.pending_train = train;
    app.confirm_discard = true;
    return;
  }
  set_spec_with(app, text, train);
}

static void confirm_try_popup(App& app) {
  if (app.confirm_try) { ImGui::OpenPopup("Open the lesson's demo?"); app.confirm_try = false; }
  if (ImGui::BeginPopupModal("Open the lesson's demo?", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
    ImGui::Text("Your model has trained for %zu steps.", app.session.steps());
    ImGui::TextUnformatted("The lesson's demo replaces it with its own model and fresh weights.\n"
                           "(Copy link or Weights > Download keeps yours.)");
    const bool open = ImGui::Button("Open the demo");
    note_widget(app, "try-replace");
    if (open) { ++app.clicks; open_lesson_demo(app, app.pending_try); ImGui::CloseCurrentPopup(); }
    ImGui::SameLine();
    const bool keep = ImGui::Button("Keep my model");
    note_widget(app, "try-keep");
    if (keep) { ++app.clicks; ImGui::CloseCurrentPopup(); }
    ImGui::EndPopup();
  }
}

static void confirm_popup(App& app) {
  if (app.confirm_discard) { ImGui::OpenPopup("Discard trained weights?"); app.confirm_discard = false; }
  if (ImGui::BeginPopupModal("Discard trained weights?", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
    ImGui::Text("The model has trained for %zu steps.", app.session.steps());
    ImGui::Text("Changing the architecture starts from fresh weights.");
    const bool discard = ImGui::Button("Discard and rebuild");
    note_widget(app, "discard");
    if (discard) {
      set_spec_with(app, app.pending_spec, app.pending_train);
      app.spec_edit = app.pending_spec;
      ImGui::CloseCurrentPopup();
    }
    ImGui::SameLine();
    const bool keep = ImGui::Button("Keep training");
    note_widget(app, "keep-training");
    if (keep) {
      app.session.keep_built_spec();
      app.spec_edit = app.session.draft.text;
      ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
  }
}

// While a link replays: how far it is, and a way to stop it.
static void replay_window(App& app) {
  Session& s = app.session;
  if (!s.replayer.target || s.replayer.target <= s.steps()) return;
  const ImVec2 ds = ImGui::GetIO().DisplaySize;
  ImGui::SetNextWindowPos(ImVec2(ds.x * 0.5f, ds.y * 0.5f), ImGuiCond_Always, ImVec2(0.5f, 0.5f));
  ImGui::SetNextWindowSize(ImVec2(std::min(420.0f, ds.x - 20), 0));
  ImGui::Begin("Replaying the link", nullptr, ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoSavedSettings);
  ImGui::Text("replaying step %zu of %llu", s.steps(), static_cast<unsigned long long>(s.replayer.target));
  ImGui::ProgressBar(static_cast<float>(s.steps()) / static_cast<float>(s.replayer.target), ImVec2(-1, 0));
  ImGui::TextWrapped("The link's training runs again from its seeds, step for step, to the sender's weights.");
  if (ImGui::Button("Stop here")) { ++app.clicks; s.stop_replay(); }
  note_widget(app, "replay-stop");
  ImGui::End();
}

// What the student must read about the run (what a link could not replay); stays until dismissed.
static void notes_window(App& app) {
  Session& s = app.session;
  if (s.notes.empty()) return;
  const ImVec2 ds = ImGui::GetIO().DisplaySize;
  ImGui::SetNextWindowPos(ImVec2(ds.x * 0.5f, 40), ImGuiCond_Appearing, ImVec2(0.5f, 0.0f));
  ImGui::SetNextWindowSize(ImVec2(std::min(520.0f, ds.x - 20), 0));
  ImGui::Begin("About this link", nullptr, ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings);
  for (const Fact& n : s.notes) { ImGui::Bullet(); ImGui::TextWrapped("%s", words(n).c_str()); }
  if (ImGui::Button("OK")) { ++app.clicks; s.dismiss_notes(); }
  note_widget(app, "notes-ok");
  ImGui::End();
}

// The work that goes on between frames: a seek, training (in the worker or in this frame's slice),
// the runs being brought back, and the run's test figure at a step it stopped at.
void app_advance(App& app, float frame_budget_ms) {
  // Training goes on from the current step: a rewound view (rewind.h) comes back to it first.
  Session& ss = app.session;
  if (ss.training && ss.rewind.showing()) ss.rewind.back_to_now(ss);
  if (ss.rewind.seeking()) ss.rewind.advance(ss, frame_budget_ms);

  // Training runs in the worker; without one, it takes part of the frame and the rest draws the UI.
  if (app.worker) app.worker->frame(app.session);
  else app.session.tick(frame_budget_ms);
  advance_runs(app);
  ss.measure_step();
  // Work the page's own frames advance is drawn every frame while it goes on (redraw.h): training,
  // a replay and run jobs without a worker (with one, its updates ask), a seek. Lesson jobs ask
  // themselves (SlicedJob::run_for).
  if ((!app.worker && (ss.training || ss.replayer.target > 0 || !app.run_jobs.empty())) || ss.rewind.seeking())
    redraw().now(1);
}

// The menu bar's menus and commands (Panels, Weights, Copy link, Start fresh, Reset to link): on
// the bar, or folded into its Menu on a narrow screen.
static void menu_bar_items(App& app) {
  const bool panels_menu = ImGui::BeginMenu("Panels");
  note_widget(app, "menu-panels");
  if (panels_menu) {
    for (const Panel& p : panels())
      if (p.shown != &App::show_lessons) {  // Lessons has its own menu
        if (ImGui::MenuItem(p.name, nullptr, &(app.*p.shown)) && app.*p.shown) leave_start_here(app);
        a11y::checked(app.*p.shown);
        note_widget(app, std::string("panels-menu:") + p.name);
      }
    ImGui::Separator();
    if (ImGui::MenuItem("Start here...")) app.show_start_here = true;
    if (ImGui::MenuItem("Reset layout")) { ++app.clicks; app.relayout = true; }
    note_widget(app, "reset-layout");
    ImGui::Separator();
    view_menu_items(app);

    ImGui::EndMenu();
  }
  const bool weights_menu = ImGui::BeginMenu("Weights");
  note_widget(app, "menu-weights");
  if (weights_menu) {
    if (ImGui::MenuItem("Download .safetensors", nullptr, false, app.session.model != nullptr))
      download_file("playground-model.safetensors", safetensors_bytes(*app.session.model));
    if (ImGui::MenuItem("Download session (.dlpsession)", nullptr, false, app.session.model != nullptr)) {
      ++app.clicks;
      download_session(app);
    }
    note_widget(app, "download-session");
    if (ImGui::MenuItem("Load .safetensors or .dlpsession...")) open_weights_picker();
    note_widget(app, "load-weights");
    ImGui::TextDisabled("or drop either file on the page");
    ImGui::Separator();
    if (ImGui::MenuItem("Export to PyTorch (.py)", nullptr, false, app.session.draft.ok)) {
      SpecError err;
      const std::string py = pytorch_module_source(app.session.draft.spec, app.session.data.train.shape, app.session.data.train.classes, &err);
      download_file("playground_model.py", std::vector<uint8_t>(py.begin(), py.end()));
      app.session.say(Topic::Status, "Exported playground_model.py: it loads the downloaded .safetensors into PyTorch.");
    }
    // train.py continues this run's training in PyTorch (with the module above beside it).
    if (ImGui::MenuItem("Export training script (train.py)", nullptr, false, app.session.draft.ok && app.session.model)) {
      const Session& s = app.session;
      const std::string py = pytorch_train_source({s.cfg, s.batch, s.data.norm, s.data.name, s.steps()});
      download_file("train.py", std::vector<uint8_t>(py.begin(), py.end()));
      app.session.say(Topic::Status, "Exported train.py: beside playground_model.py and the .safetensors, it goes on training in "
                                     "PyTorch (python3 train.py --data-dir mnist/, or under torchrun).");
    }
    ImGui::EndMenu();
  }
  if (ImGui::MenuItem("Copy link")) {
    ++app.clicks;
    open_share(app);
  }
  note_widget(app, "copy-link");
  if (ImGui::MenuItem("Start fresh")) { ++app.clicks; start_fresh(app); }
  note_widget(app, "start-fresh");
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Forget the model kept from your last visit and start from the defaults");
  if (app.from_link && ImGui::MenuItem("Reset to link")) { ++app.clicks; apply_state(app, app.opened_link); }
  if (app.from_link) note_widget(app, "reset-to-link");
}


void app_frame(App& app, float frame_budget_ms) {
  ImGuiIO& io = ImGui::GetIO();
  const int presses = app.space_presses;
  app.space_presses = 0;
  if (!io.WantTextInput && app.session.trainer && presses % 2 == 1 && !alert_holds_training(app.session))
    app.session.toggle_training();
  app_advance(app, frame_budget_ms);
  if (io.WantTextInput) redraw().after(400, now_ms());  // a text field's caret blinks
  app.widgets.clear();
  app.tooltip.clear();
  app.tooltip_rect = {};
  if (!app.show_train) app.alert_rect = {};  // the Train panel sets it while it draws
  app.lesson_readout.clear();
  // What was cut off at a window's right edge last frame (content sizes are known after End()).
  app.overflow.clear();
  app.windows.clear();
  app.content_height = 0;
  for (ImGuiWindow* w : GImGui->Windows) {
    if (!w->WasActive || w->Hidden || (w->Flags & ImGuiWindowFlags_Tooltip) || (w->Flags & ImGuiWindowFlags_Popup)) continue;
    // The lowest window's bottom were every window to show all of its content (dlp_content_height).
    if (!(w->Flags & ImGuiWindowFlags_ChildWindow)) {
      const float need = w->Collapsed ? w->TitleBarHeight() : w->TitleBarHeight() + w->MenuBarHeight() + w->ContentSize.y + 2 * w->WindowPadding.y;
      app.content_height = std::max(app.content_height, w->Pos.y + need);
    }
    if (w->Collapsed) continue;
    // The windows on screen (panels and boxes; not the menu bar, children or ImGui's fallback window).
    if (!w->ParentWindow && !(w->Flags & (ImGuiWindowFlags_ChildWindow | ImGuiWindowFlags_NoTitleBar)) && w->Name != std::string("Debug##Default"))
      app.windows.push_back({std::string(w->Name).substr(0, std::string(w->Name).find("##")), PadRect{w->Pos.x, w->Pos.y, w->Size.x, w->Size.y}});
    const float visible = w->InnerRect.GetWidth();
    // A window that scrolls sideways keeps its content reachable: it is listed as such.
    if (w->ContentSize.x > visible + 1.5f && visible > 0)
      app.overflow.push_back(std::string(w->Name) + " (" + std::to_string(static_cast<int>(w->ContentSize.x)) + " > " +
                             std::to_string(static_cast<int>(visible)) + (w->ScrollbarX ? ", scrolls sideways)" : ")"));
    // A window moved (mostly) off the screen comes back: its title bar stays under the menu bar
    // and at least 80 px of it on screen, so it can always be taken again.
    if (w->ParentWindow || (w->Flags & (ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoTitleBar))) continue;
    const float top = ImGui::GetFrameHeight(), keep = 80;
    ImVec2 p = w->Pos;
    const float left = keep - w->Size.x, right = std::max(left, io.DisplaySize.x - keep);
    p.x = std::clamp(p.x, left, right);
    p.y = std::clamp(p.y, top, std::max(top, io.DisplaySize.y - w->TitleBarHeight()));
    if (p.x != w->Pos.x || p.y != w->Pos.y) ImGui::SetWindowPos(w, p);
  }
  const ImVec2 ds = io.DisplaySize;
  app.relayout = app.layout_w != 0 && (ds.x != app.layout_w || ds.y != app.layout_h);
  app.layout_w = ds.x;
  app.layout_h = ds.y;

  // On a narrow screen (a phone) the menu bar keeps the title short and Lessons, and folds the
  // rest into one "Menu"; on a touch screen every menu item is a finger tall (40 px).
  const bool narrow = ds.x < 700;
  if (ImGui::BeginMainMenuBar()) {
    // Panels that wait for their slot (a phone shows one panel a slot) are one tap away on the
    // bar, beside the one shown in their place: the bar then leaves out its title.
    bool tabs = narrow && app.waiting_panels != 0;
    if (tabs) {  // only when they fit beside Lessons and Menu
      const float pad = ImGui::GetStyle().ItemSpacing.x * 2;
      float w = ImGui::CalcTextSize("Lessons").x + ImGui::CalcTextSize("Menu").x + 2 * pad;
      for (const Panel& p : panels())
        if (p.shown != &App::show_lessons && (app.*p.shown || (app.waiting_panels & p.bit))) w += ImGui::CalcTextSize(p.name).x + pad;
      tabs = w <= ds.x - ImGui::CalcTextSize("...").x - pad;
    }
    if (!tabs) {
      ImGui::TextUnformatted(narrow ? "Playground" : "Deep-learning playground");
      ImGui::Separator();
    }
    for (const Panel& p : panels()) {
      if (!tabs || p.shown == &App::show_lessons || !(app.*p.shown || (app.waiting_panels & p.bit))) continue;
      if (ImGui::MenuItem(p.name, nullptr, app.*p.shown) && !(app.*p.shown)) { ++app.clicks; app.*p.shown = true; leave_start_here(app); }
      a11y::checked(app.*p.shown);
      note_widget(app, std::string("menu-panel:") + p.name);
    }
    if (ImGui::MenuItem("Lessons", nullptr, app.show_lessons)) {
      ++app.clicks;
      app.show_lessons = !app.show_lessons;
      if (app.show_lessons) leave_start_here(app);
    }
    a11y::checked(app.show_lessons);
    note_widget(app, "menu-lessons");
    const bool more = narrow && ImGui::BeginMenu("Menu");
    if (narrow) note_widget(app, "menu-more");
    if (!narrow || more) {
      const TouchRows rows;
      menu_bar_items(app);
    }
    if (more) ImGui::EndMenu();
    if (!app.link_problems.empty()) {
      // Everything from a link is shown as plain text.
      ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32(255, 170, 90, 255));
      ImGui::Text("link: %zu problem%s", app.link_problems.size(), app.link_problems.size() > 1 ? "s" : "");
      ImGui::PopStyleColor();
      if (ImGui::IsItemHovered()) {
        ImGui::BeginTooltip();
        for (const auto& p : app.link_problems) ImGui::TextUnformatted(p.c_str());
        ImGui::EndTooltip();
      }
    }
    ImGui::Separator();
    if (app.session.health.alert.kind != Alert::None) {
      ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32(255, 150, 110, 255));
      const Alert::Kind k = app.session.health.alert.kind;
      ImGui::TextUnformatted(k == Alert::Dead   ? "The network is dead: see the Train panel."
                             : k == Alert::Slow ? "Training paused: this model is too slow for the page (see the Train panel)."
                                                         : "Training diverged: see the Train panel.");
      ImGui::PopStyleColor();
    } else {
      // The status line takes what the menu bar has left; the rest shows when hovered.
      const std::string st = words(app.session.told(Topic::Status));
      const float room = ImGui::GetWindowContentRegionMax().x - ImGui::GetCursorPosX() - ImGui::GetStyle().ItemSpacing.x;
      size_t n = st.size();
      while (n > 0 && ImGui::CalcTextSize(st.c_str(), st.c_str() + n).x + ImGui::CalcTextSize("...").x > room) --n;
      if (n == st.size()) ImGui::TextUnformatted(st.c_str());
      else {
        ImGui::Text("%.*s...", static_cast<int>(n), st.c_str());
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", st.c_str());
      }
    }
    ImGui::EndMainMenuBar();
  }
  arrange_panels(app);
  for (const Panel& p : panels())
    if (app.*p.shown) p.draw(app);

  start_here_window(app);
  confirm_popup(app);
  confirm_try_popup(app);
  replay_window(app);
  notes_window(app);
  share_window(app);

  // Every 3 s of the page's time, keep the session if it changed (the page also saves when it is
  // hidden or left, but a tab the browser kills or drops from its back-forward cache has no say):
  // at most 3 s of training lost, whatever happens to the tab.
  if (ImGui::GetTime() >= app.session_checked_at + 3.0) {
    app.session_checked_at = ImGui::GetTime();
    maybe_save_session(app, false);
  }

  announce(app);
}

// What the page's live region says, politely, as it happens: training started or paused (with
// where it got to), progress every 10 s of training, each measurement of the whole test set (an
// epoch's end, Evaluate), what a drawing reads as when it changes, a lost worker. The Train
// panel's alerts are read at once, assertively (a11y::text "alert").
static std::string percent(double fraction) {
  char b[24];
  std::snprintf(b, sizeof b, "%.2f%%", 100.0 * fraction);
  return b;
}

void announce(App& app) {
  const Session& s = app.session;
  App::Spoken& said = app.spoken;
  const double t = ImGui::GetTime();
  // What is drawn or picked on the pad (the model changing under it re-reads nothing), and the
  // last measurement of the whole test set.
  size_t points = 0;
  for (const Stroke& st : s.pad.strokes) points += st.size();
  const std::string pad = std::to_string(s.pad.strokes.size()) + "/" + std::to_string(points) + "/" + std::to_string(s.pad.picked);
  const std::string full = s.metrics.full.predictions.empty() ? "" : std::to_string(s.metrics.full.step) + "/" +
                           std::to_string(s.metrics.full.predictions.size()) + "/" + percent(s.metrics.full.accuracy);
  if (!said.primed) {  // what the page opens with (a kept run, its last measurement) is not news
    said = App::Spoken{true, s.training, t, full, pad, app.worker_note, {}};
    return;
  }
  char progress[160];
  std::snprintf(progress, sizeof progress, "step %s, loss %.4f%s", grouped(s.steps()).c_str(), static_cast<double>(s.metrics.last_loss),
                s.metrics.last_test_acc >= 0 ? (", test accuracy " + percent(s.metrics.last_test_acc)).c_str() : "");
  std::vector<std::pair<int, std::string>> news;  // (kind, words): 0 training, 1 test set, 2 drawing, 3 worker
  if (s.training != said.training) {
    news.push_back({0, s.training ? "Training." : s.steps() ? std::string("Paused at ") + progress + "." : "Paused."});
    said.training = s.training;
    said.progress_at = t;
  } else if (s.training && t - said.progress_at >= 10) {
    news.push_back({0, std::string("Training, ") + progress + "."});
    said.progress_at = t;
  }
  if (full != said.full) {
    said.full = full;
    if (!full.empty())
      news.push_back({1, "All " + grouped(s.metrics.full.predictions.size()) + " test digits at step " + grouped(s.metrics.full.step) + ": " +
                             percent(s.metrics.full.accuracy) + " right."});
  }
  if (pad != said.pad) {
    said.pad = pad;
    if (!s.pad.blank) news.push_back({2, drawing_answer(s)});
  }
  if (app.worker_note != said.worker_note) {
    said.worker_note = app.worker_note;
    if (!app.worker_note.empty()) news.push_back({3, app.worker_note});
  }
  if (news.empty()) return;
  // News the page has not read out yet is said with this, each kind once: its latest (a lost
  // worker, then the pause it caused; a drawing read once however many strokes came since).
  if (app.aria_news == app.aria_taken) said.unread.clear();
  for (auto& n : news) {
    said.unread.erase(std::remove_if(said.unread.begin(), said.unread.end(), [&](const auto& u) { return u.first == n.first; }), said.unread.end());
    said.unread.push_back(std::move(n));
  }
  app.aria_status.clear();
  for (const auto& u : said.unread) app.aria_status += (app.aria_status.empty() ? "" : " ") + u.second;
  ++app.aria_news;
}

}  // namespace dlp
