// The Share window, opened by Copy link: the link as copied (it opens this demo down to the
// weights) and what it cannot carry; and, for a teacher, the class's link made by choices rather
// than by editing the URL: the model locked, controls hidden, the panels and the lesson shown, a
// preview of the student's screen, the link whole, and copy buttons for the link and for the code
// that embeds the demo in a course page (embed.js). The link's format is share_link.h's.
#include <algorithm>

#include "imgui.h"
#include "ui/a11y.h"
#include "ui/app.h"
#include "ui/browser.h"

namespace dlp {

namespace {

// What each hideable control is called on the page.
const char* control_label(const std::string& c) {
  static const struct { const char* id; const char* label; } names[] = {
      {"lr", "learning rate"}, {"batch", "batch"},       {"opt", "optimizer"}, {"mom", "momentum"},
      {"l2", "L2 beta"},       {"decay", "lr decay"},    {"dropout", "dropout"}, {"init", "init"},
      {"seed", "seeds"},       {"data", "data set"},     {"norm", "normalization"}, {"aug", "augmentation"},
      {"presets", "presets"},
  };
  for (const auto& n : names)
    if (c == n.id) return n.label;
  return c.c_str();
}

// The page's link with the teacher's choices in place of the page's own.
ShareLink class_link(App& app) {
  ShareLink d = capture_state(app);
  d.lock = app.share.lock;
  d.hide = app.share.hide;
  d.panels = static_cast<int>(app.share.panels);
  d.lesson = app.share.lesson;
  return d;
}

// The code a course page pastes: a place for the demo, embed.js from the playground's own
// address, and the demo, as tall as its content.
std::string embed_code(const std::string& url) {
  const size_t hash = url.find('#');
  const std::string page = url.substr(0, hash);
  const std::string base = page.substr(0, page.rfind('/') + 1);
  return "<div id=\"playground-demo\"></div>\n<script src=\"" + base + "embed.js\"></script>\n"
         "<script>DLPlayground.embed('#playground-demo', { link: '" + url + "', autoHeight: true });</script>";
}

// The student's screen on a laptop (1280x800) with the chosen panels, drawn small.
void preview(App& app) {
  const float w = std::min(260.0f, ImGui::GetContentRegionAvail().x), h = w * 0.62f;
  const ImVec2 at = ImGui::GetCursorScreenPos();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(at, ImVec2(at.x + w, at.y + h), IM_COL32(30, 32, 38, 255));
  dl->AddRectFilled(at, ImVec2(at.x + w, at.y + 6), IM_COL32(60, 64, 74, 255));  // the menu bar
  for (const Panel& p : panels()) {
    if (!panel_in_view(p, 1280, 800, app.share.panels)) continue;
    const PanelRect r = panel_place(p, 1280, 800, app.share.panels);
    const ImVec2 a(at.x + 2 + r.x * (w - 4), at.y + 8 + r.y * (h - 10)), b(a.x + r.w * (w - 4) - 2, a.y + r.h * (h - 10) - 2);
    dl->AddRectFilled(a, b, IM_COL32(40, 70, 120, 255));
    dl->AddRect(a, b, IM_COL32(90, 130, 200, 255));
    dl->AddText(ImVec2(a.x + 3, a.y + 2), IM_COL32_WHITE, p.name);
  }
  ImGui::Dummy(ImVec2(w, h));
  note_widget(app, "readout:share-preview");
}

}  // namespace

void open_share(App& app) {
  const ShareLink d = capture_state(app);
  app.copied_link = copy_link_to_clipboard(encode_link(d));
  app.copied_caveats = words(app.session.link_caveats());
  for (const std::string& c : pinned_left_out(app)) app.copied_caveats.push_back(c);
  app.share = {d.lock, d.hide, static_cast<uint32_t>(d.panels), d.lesson};
  app.share_copied.clear();
  app.show_link_window = true;
  app.session.say(Topic::Status, app.copied_caveats.empty() ? "Link copied: it opens this demo, down to the weights."
                                                            : "Link copied; it cannot carry everything: see the Share window.");
}

void share_window(App& app) {
  if (!app.show_link_window) return;
  const ImVec2 ds = ImGui::GetIO().DisplaySize;
  ImGui::SetNextWindowPos(ImVec2(ds.x * 0.5f, 40), ImGuiCond_Appearing, ImVec2(0.5f, 0.0f));
  ImGui::SetNextWindowSize(ImVec2(std::min(600.0f, ds.x - 20), 0));
  ImGui::SetNextWindowSizeConstraints(ImVec2(0, 0), ImVec2(ds.x, ds.y - 50));
  ImGui::Begin("Share", &app.show_link_window, ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings);
  a11y::dialog();
  ImGui::TextWrapped("Copied to the clipboard (%zu characters). It opens this demo and replays its %zu training steps%s.",
                     app.copied_link.size(), app.session.steps(),
                     app.session.log().empty() ? "" : ", with every change of a setting at the step it was made");
  for (const std::string& c : app.copied_caveats) {
    ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32(255, 200, 90, 255));
    ImGui::Bullet();
    ImGui::TextWrapped("%s", c.c_str());
    ImGui::PopStyleColor();
  }

  if (ImGui::CollapsingHeader("For a class: lock, hide, choose what students see, embed", ImGuiTreeNodeFlags_DefaultOpen)) {
    ImGui::Checkbox("Lock the model (students cannot change the network)", &app.share.lock);
    note_widget(app, "share-lock");
    ImGui::TextUnformatted("Hide these controls:");
    const float col = ImGui::GetFontSize() * 9;
    const int per_row = std::max(1, static_cast<int>(ImGui::GetContentRegionAvail().x / col));
    int k = 0;
    for (const std::string& c : hideable_controls()) {
      if (k++ % per_row) ImGui::SameLine(ImGui::GetCursorStartPos().x + col * ((k - 1) % per_row));
      std::vector<std::string>& hide = app.share.hide;
      bool hidden = std::find(hide.begin(), hide.end(), c) != hide.end();
      if (ImGui::Checkbox(control_label(c), &hidden)) {
        if (hidden) hide.push_back(c);
        else hide.erase(std::remove(hide.begin(), hide.end(), c), hide.end());
      }
      note_widget(app, "share-hide:" + c);
    }
    ImGui::TextUnformatted("Panels shown:");
    k = 0;
    for (const Panel& p : panels()) {
      if (k++) ImGui::SameLine();
      bool on = (app.share.panels & p.bit) != 0;
      if (ImGui::Checkbox(p.name, &on)) app.share.panels = on ? app.share.panels | p.bit : app.share.panels & ~p.bit;
      note_widget(app, std::string("share-panel:") + p.name);
    }
    const std::vector<Lesson>& lessons = course();
    const int at = find_lesson(lessons, app.share.lesson);
    const std::string open = at < 0 ? "(none)" : std::to_string(at + 1) + ". " + lessons[static_cast<size_t>(at)].title;
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 18);
    if (a11y::BeginCombo("lesson open", open.c_str(), ImGuiComboFlags_HeightLargest)) {
      {
        const TouchRows rows;  // a finger tall on touch; popped before the combo ends (ImGui checks its style stack)
        if (ImGui::Selectable("(none)", at < 0)) app.share.lesson.clear();
        a11y::option(at < 0);
      }
      for (size_t i = 0; i < lessons.size(); ++i) {
        const TouchRows rows;  // a finger tall on touch; popped before the combo ends (ImGui checks its style stack)
        const std::string name = std::to_string(i + 1) + ". " + lessons[i].title;
        if (ImGui::Selectable(name.c_str(), static_cast<int>(i) == at)) {
          app.share.lesson = lessons[i].id;
          app.share.panels |= find_panel("Lessons")->bit;
        }
        a11y::option(static_cast<int>(i) == at);
        note_widget(app, "share-lesson:" + lessons[i].id);
      }
      ImGui::EndCombo();
    }
    note_widget(app, "share-lesson");
    ImGui::TextDisabled("What a student sees on a laptop:");
    preview(app);

    const std::string url = page_url(encode_link(class_link(app)));
    ImGui::TextUnformatted("The class's link, whole:");
    ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32(170, 200, 255, 255));
    ImGui::PushTextWrapPos(0.0f);  // wrapped anywhere: a link has no spaces
    ImGui::TextUnformatted(url.c_str());
    ImGui::PopTextWrapPos();
    ImGui::PopStyleColor();
    note_widget(app, "readout:share-link");
    if (ImGui::Button("Copy this link")) {
      ++app.clicks;
      copy_text_to_clipboard(url);
      app.share_copied = url;
      app.session.say(Topic::Status, "The class's link is copied.");
    }
    note_widget(app, "share-copy-link", "Copy the link with the choices above: students who open it see the demo as chosen.");
    ImGui::SameLine();
    if (ImGui::Button("Copy embed code")) {
      ++app.clicks;
      app.share_copied = embed_code(url);
      copy_text_to_clipboard(app.share_copied);
      app.session.say(Topic::Status, "The embed code is copied: paste it into a course page (its HTML).");
    }
    note_widget(app, "share-copy-embed", "Copy the HTML that shows this demo in a course page (it loads embed.js from here).");
  }
  if (ImGui::Button("Close")) { ++app.clicks; app.show_link_window = false; }
  note_widget(app, "link-close");
  ImGui::End();
}

}  // namespace dlp
