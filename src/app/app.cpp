#include "app/app.h"

#include "app/storage.h"
#include "engine/pytorch_export.h"
#include "engine/safetensors.h"
#include "imgui.h"

namespace dlp {

void app_init(App& app, const std::string& data_dir) {
  Session& s = app.session;
  if (!s.load_data("mnist", data_dir)) s.status = "Could not load MNIST: " + s.data_error;
  s.set_spec(s.spec_text);
  app.spec_edit = s.spec_text;
  load_own(s);
  load_lesson_progress(app);
  restore_session(app);
}

void note_widget(App& app, const std::string& name) {
  const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
  app.widgets[name] = PadRect{a.x, a.y, b.x - a.x, b.y - a.y};
}

void request_spec(App& app, const std::string& text) {
  Session& s = app.session;
  if (s.steps() > 0 && s.spec_ok) {
    app.pending_spec = text;
    app.confirm_discard = true;
    return;
  }
  s.set_spec(text);
  app.spec_edit = text;
}

static void confirm_popup(App& app) {
  if (app.confirm_discard) { ImGui::OpenPopup("Discard trained weights?"); app.confirm_discard = false; }
  if (ImGui::BeginPopupModal("Discard trained weights?", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
    ImGui::Text("The model has trained for %zu steps.", app.session.steps());
    ImGui::Text("Changing the architecture starts from fresh weights.");
    const bool discard = ImGui::Button("Discard and rebuild");
    note_widget(app, "discard");
    if (discard) {
      app.session.set_spec(app.pending_spec);
      app.spec_edit = app.pending_spec;
      ImGui::CloseCurrentPopup();
    }
    ImGui::SameLine();
    if (ImGui::Button("Keep training")) {
      app.spec_edit = app.session.spec_text = spec_to_string(app.session.spec);
      ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
  }
}

void app_frame(App& app, float frame_budget_ms) {
  ImGuiIO& io = ImGui::GetIO();
  const int presses = app.space_presses;
  app.space_presses = 0;
  if (!io.WantTextInput && app.session.trainer && presses % 2 == 1) app.session.training = !app.session.training;

  // Train for part of the frame: the rest draws the UI, so it stays responsive.
  app.session.tick(frame_budget_ms);
  app.widgets.clear();
  const ImVec2 ds = io.DisplaySize;
  app.relayout = app.layout_w != 0 && (ds.x != app.layout_w || ds.y != app.layout_h);
  app.layout_w = ds.x;
  app.layout_h = ds.y;

  if (ImGui::BeginMainMenuBar()) {
    ImGui::TextUnformatted("Deep-learning playground");
    ImGui::Separator();
    if (ImGui::MenuItem("Lessons", nullptr, app.show_lessons)) { ++app.clicks; app.show_lessons = !app.show_lessons; }
    note_widget(app, "menu-lessons");
    if (ImGui::BeginMenu("Panels")) {
      ImGui::MenuItem("Model", nullptr, &app.show_model);
      ImGui::MenuItem("Train", nullptr, &app.show_train);
      ImGui::MenuItem("Draw", nullptr, &app.show_draw);
      ImGui::MenuItem("Data", nullptr, &app.show_data);
      ImGui::MenuItem("Inspect", nullptr, &app.show_inspect);

      ImGui::EndMenu();
    }
    if (ImGui::BeginMenu("Weights")) {
      if (ImGui::MenuItem("Download .safetensors", nullptr, false, app.session.model != nullptr))
        download_file("playground-model.safetensors", safetensors_bytes(*app.session.model));
      if (ImGui::MenuItem("Load .safetensors...")) open_weights_picker();
      ImGui::TextDisabled("or drop a .safetensors file on the page");
      ImGui::Separator();
      if (ImGui::MenuItem("Export to PyTorch (.py)", nullptr, false, app.session.spec_ok)) {
        SpecError err;
        const std::string py = pytorch_module_source(app.session.spec, app.session.train.shape, app.session.train.classes, &err);
        download_file("playground_model.py", std::vector<uint8_t>(py.begin(), py.end()));
        app.session.status = "Exported playground_model.py: it loads the downloaded .safetensors into PyTorch.";
      }
      ImGui::EndMenu();
    }
    if (ImGui::MenuItem("Copy link")) { ++app.clicks; copy_link_to_clipboard(); app.session.status = "Link copied: it opens this demo, down to the weights."; }
    note_widget(app, "copy-link");
    if (ImGui::MenuItem("Start fresh")) { ++app.clicks; start_fresh(app); }
    note_widget(app, "start-fresh");
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Forget the model kept from your last visit and start from the defaults");
    if (app.from_link && ImGui::MenuItem("Reset to link")) { ++app.clicks; apply_state(app, app.link_state); }
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
    ImGui::TextUnformatted(app.session.status.c_str());
    ImGui::EndMainMenuBar();
  }
  if (app.show_model) panel_model(app);
  if (app.show_train) panel_train(app);
  if (app.show_draw) panel_draw(app);
  if (app.show_data) panel_data(app);
  if (app.show_inspect) panel_inspect(app);
  if (app.show_lessons) panel_lessons(app);

  confirm_popup(app);

  // Every ~5 s, keep the session if it changed (the page also saves when it is left).
  if (ImGui::GetFrameCount() % 300 == 0) maybe_save_session(app, false);

  const Session& s = app.session;
  std::string aria = s.training ? "Training." : "Paused.";
  if (!s.drawn_blank) {
    int best = 0;
    for (int c = 1; c < 10; ++c) best = s.drawn_probs[c] > s.drawn_probs[best] ? c : best;
    aria += " The drawing reads as " + std::to_string(best) + ".";
  }
  app.aria_status = aria;
}

}  // namespace dlp
