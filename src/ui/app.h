// The playground's UI: one Session and the panels over it. app_frame() is called once per frame
// between ImGui::NewFrame() and ImGui::Render() by the platform loop.
#pragma once
#include <map>
#include <string>
#include <vector>

#include "course/lessons.h"
#include "links/compare.h"
#include "links/share_link.h"
#include "session/session.h"
#include "session/worker_channel.h"
#include "session/unit_view.h"
#include "ui/words.h"

namespace dlp {

struct PadRect { float x = 0, y = 0, w = 0, h = 0; };  // CSS pixels

struct App {
  Session session;
  // Training in a worker (worker_channel.h), once the page has one; until then, or if it fails,
  // training takes a slice of each frame here.
  std::unique_ptr<WorkerChannel> worker;
  int worker_threads = 0;         // the engine threads the worker trains with (0: no worker)
  // Where training went when a worker was lost (one line in the Train panel; web/main.js's watchdog).
  std::string worker_note;
  // How the page looks (view.cpp): text size (the platform sizes its font from it) and contrast.
  struct View {
    float text_scale = 1.0f;
    bool high_contrast = false;
  } view;
  bool show_model = true, show_train = true, show_draw = true, show_data = true, show_inspect = true, show_lessons = false;
  uint32_t waiting_panels = 0;  // asked for, but a panel in the same slot of a small screen shows (layout.cpp)
  std::string spec_edit;          // the text box; applied on Enter or Apply
  std::string pending_spec;       // a change asked for while weights are trained
  const TrainConfig* pending_train = nullptr;  // and the preset's training settings that come with it
  bool confirm_discard = false;
  std::string pending_try;        // a lesson's Try it asked for while weights are trained
  bool confirm_try = false;
  PadRect pad;
  bool relayout = false;          // the window size changed: panels move to the layout's places
  float layout_w = 0, layout_h = 0;
  bool drawing = false;
  int clicks = 0;                 // buttons pressed, for tests and the ARIA status
  // Space presses seen by the platform since the last frame. ImGui 1.86 polls key state once per
  // frame, so a press and release inside one slow (training) frame would otherwise be lost.
  int space_presses = 0;
  std::string aria_status;        // what the page's live region announces (the latest news: announce())
  int aria_news = 0;              // counts the news, so the same words said again are said again
  int aria_taken = 0;             // aria_news when the page last read the news out
  struct Spoken {                 // what it said last, to say only what changed (app.cpp: announce)
    bool primed = false;          // the page's first frame is taken as it is
    bool training = false;
    double progress_at = 0;
    std::string full, pad, worker_note;                    // the test set's last measurement, the pad's contents, the worker's note
    std::vector<std::pair<int, std::string>> unread;       // news not yet read out, by kind
  } spoken;
  // Share links: what the page was opened with (for "Reset to link"), what was wrong with it,
  // and what a teacher hid or locked.
  bool from_link = false;
  ShareLink opened_link;
  std::vector<std::string> link_problems;
  std::vector<std::string> hidden;
  bool locked = false;
  std::string lesson;             // the id of the lesson shown in the Lessons panel (lessons.h)
  std::vector<std::string> lessons_done;  // ids, sorted
  int sample = 0;
  std::vector<PinnedRun> pinned;  // runs kept to compare with the current one (compare.h)
  // Runs still to bring back, in order (compare.h): a link's pinned runs then its own run, or
  // every run for "Train all to N"; advance_runs() takes them one by one.
  std::vector<RunJob> run_jobs;
  std::vector<std::string> compare_differs;  // what the table said sets each apart (for tests)
  int train_all_to = 0;           // the Compare table's "Train all to" step (0: the furthest run's)
  uint64_t train_all_most = 0;  // the furthest run's step when the box last followed it
  UnitPick unit;                  // the unit open in Inspect (unit_view.h), if any
  UnitReport unit_report;         // what it showed last (for tests)
  bool hides(const char* control) const;
  // The session kept across reloads (persist.cpp).
  bool restored = false;          // the page started from the run kept in this tab
  size_t saved_steps = 0;
  std::string saved_link, persist_note;
  // A trained run that a link replaced in this tab, kept aside to bring back (its session bytes).
  std::vector<uint8_t> replaced;
  uint64_t replaced_steps = 0;
  PadRect tooltip_rect;            // the note_widget tooltip drawn this frame, if any
  PadRect alert_rect;              // the Train panel's alert box this frame (none: zero size), which tooltips keep clear of
  double session_checked_at = 0;  // ImGui::GetTime() of the last look for changes to keep
  uint64_t saved_keyframes = 0;   // Rewind::version() when the keyframes were last kept
  double keyframes_saved_at = -1e9;  // ImGui::GetTime() then
  std::string storage_problem;    // why the browser kept nothing last time (web/main.js), "" when it does
  // The page's copy for offline use, and why it trains on one thread if it does (web/offline.js,
  // through dlp_offline); the Data panel says both.
  struct Offline {
    std::string status;     // "unsupported", "off" (removed), "pending" (kept once registered), "on"; "" until the page says
    std::string isolation;  // "" (cross-origin isolated), "embedded", "no-service-worker", "not-secure", "offline-off", "refused", "first-load"
    double code_bytes = 0;  // the playground's code kept
    std::vector<std::pair<std::string, double>> data;  // the data sets' chunks kept: name, bytes
  } offline;
  struct Defaults {
    TrainConfig cfg = default_preset().train;
    int batch = 32;
    InitConfig init{InitKind::He, 0.1f, 1};
    std::string spec = default_preset().spec;
  };
  // Where named widgets were drawn this frame (CSS pixels), so tests and course pages can click
  // real buttons with real mouse events. Names that begin "readout:" are things to read (the
  // Draw panel's answer), not controls.
  struct Widget {
    PadRect r;            // the item, label included
    PadRect visible;      // the visible inside of the window (or child) it is drawn in
    bool scrolls = false; // that window scrolls vertically, so an item below it can be reached
  };
  std::map<std::string, Widget> widgets;
  // A first visit (no link, nothing kept): a calm view of Train and Draw under a short "Start here".
  bool show_start_here = false;
  std::string tooltip;            // the control explanation shown this frame (for tests)
  std::vector<std::string> lesson_readout;  // key lines of the open lesson's widget (for tests)
  // Windows whose content was wider than their visible area last frame (something cut off at the
  // right edge), with both widths: the layout tests want none.
  std::vector<std::string> overflow;
  std::string compare_note;  // the Compare table's word on runs at different steps (empty: all at one step)
  std::vector<std::pair<std::string, PadRect>> windows;  // the windows on screen last frame, by title
  float content_height = 0;  // the lowest window's bottom last frame, were each to show all its content (CSS px)
  // The Share window (share_window.cpp), opened by Copy link: the link as copied, what it cannot
  // replay, and a teacher's choices for a class's link (the model locked, controls hidden, the
  // panels and the lesson shown), with that link and its embed code to copy.
  bool show_link_window = false;
  std::string copied_link;
  std::vector<std::string> copied_caveats;
  struct ShareChoices {
    bool lock = false;
    std::vector<std::string> hide;
    uint32_t panels = 31;
    std::string lesson;
  } share;
  std::string share_copied;       // what the Share window's last copy button copied (for tests)
};

// The text size and contrast (view.cpp): the style's colours for the chosen theme, the choice
// kept in the browser and taken back, and the Panels menu's items for them.
void apply_view(const App& app);
void load_view(App& app);
void view_menu_items(App& app);

// The live region's news of this frame (app.cpp), and the drawing's reading in words:
// "Reads as 7, 92% sure; next 1, 5%." (panel_draw.cpp).
void announce(App& app);
std::string drawing_answer(const Session& s);

// What is not being kept across reloads and why (persist.cpp; empty when the work is kept).
std::string keep_note(const App& app);

// The demo as a share link's state, and back (page_link.cpp).
ShareLink capture_state(App& app);
// What the share link leaves out of the pinned runs (compare.h), as caveats to show.
std::vector<std::string> pinned_left_out(App& app);
void apply_state(App& app, const ShareLink& d);
// Decodes a fragment and applies it; problems are kept for the UI.
void load_link(App& app, const std::string& fragment);
// Each frame: when the run job in hand is done (replayed, then trained to its step), pin it and
// start the next.
void advance_runs(App& app);
// Every run, pinned and current, to step n (those past it stay): one after the other.
void train_all_to(App& app, uint64_t n);
// Drops the runs still to bring back, saying why; the current run is brought back as it was.
void stop_runs(App& app, const std::string& why);
// "Continue from here" while rewound (rewind.h): the run as it is now is pinned, and the current
// run goes back to the shown step and goes on from there (a branch to compare with it).
void continue_from_here(App& app);

// Keeping work across reloads (persist.cpp).
bool restore_session(App& app);
// The session as a file (playground-session.dlpsession: the bytes the browser keeps), and such a
// file opened again: the run continues exactly where it was (persist.cpp).
void download_session(App& app);
bool load_session_file(App& app, const std::vector<uint8_t>& bytes, const std::string& name);
void start_fresh(App& app);
// Before a link replaces the run: a trained run that the link does not continue is kept aside
// (in this tab's storage too), and the Train panel offers it back. Bringing it back keeps the
// link's run aside in its place, so the two can be swapped again.
void keep_replaced(App& app, const ShareLink& incoming);
bool bring_back_replaced(App& app);
void forget_replaced(App& app);
// Keeps the session when it changed since last kept (and rewind's keyframes: now, as the page is
// hidden or left, or at most every five minutes).
void maybe_save_session(App& app, bool now);

// The panels, one row each (panels.cpp): name, bit in a link's mask, shown flag, drawing function,
// and place on each kind of screen (fractions of the area under the menu bar).
struct PanelRect { float x, y, w, h; };
struct Panel {
  const char* name;
  uint32_t bit;
  bool App::*shown;
  void (*draw)(App&);
  int priority;                   // on a small screen, the lower one keeps a shared slot
  PanelRect wide, landscape, portrait;
  int slot_landscape, slot_portrait;
};
const std::vector<Panel>& panels();
const Panel* find_panel(const std::string& name);  // any case
uint32_t panel_mask(const App& app);
void show_panels(App& app, uint32_t mask);
// Where a panel goes on a screen of this size with these panels shown (fractions of the area under
// the menu bar; layout.cpp): the layout itself, and the Share window's preview.
PanelRect panel_place(const Panel& p, float screen_w, float screen_h, uint32_t shown);
// Whether a panel of that set shows on a wide screen where panels share a slot (the Share preview).
bool panel_in_view(const Panel& p, float screen_w, float screen_h, uint32_t shown);
// Shows exactly the named panels; on an unknown name changes nothing and says which are valid.
std::string show_panels_named(App& app, const std::vector<std::string>& names);

// Sets the next window's position and size from the layout (layout.cpp).
void place_panel(App& app, const char* name);
// On small screens, one panel a slot (the one just opened wins); called before the panels.
void arrange_panels(App& app);

// Records the last ImGui item's rectangle under a name, and shows `tip` (a sentence saying what
// the control does) when it is hovered.
void note_widget(App& app, const std::string& name, const char* tip = nullptr);
// A small button with a mouse; on a touch screen a full-size one (at least 40 px for a finger).
bool small_button(const char* label);
// Training stopped by a diverged or dead network: Train and the space bar wait until the student
// retries, resets or dismisses the message (a click meant as Pause would otherwise train the
// broken network on).
inline bool alert_holds_training(const Session& s) {
  return !s.training && (s.health.alert.kind == Alert::Diverged || s.health.alert.kind == Alert::Dead);
}
// A text box editing a std::string of any length (flags: ImGuiInputTextFlags).
bool input_string(const char* label, std::string* s, int flags = 0);
// True on a touch screen (the platform gave the style touch padding).
bool touch_screen();
// While alive, inside a popup or a combo: each row a finger tall (40 px) on a touch screen
// (Selectables reach over the spacing between rows).
struct TouchRows {
  TouchRows();
  ~TouchRows();
  TouchRows(const TouchRows&) = delete;
  TouchRows& operator=(const TouchRows&) = delete;
  bool pushed;
};
// ImGui::Combo with touch-sized rows; true when the choice changed. items: NUL-separated, as
// ImGui::Combo takes them. With an app and a name, each option is a widget "option:<name>:<item>".
bool combo(const char* label, int* current, const char* items, App* app = nullptr, const char* name = nullptr);
// Flow layout: the next item goes on the current line when `width` more pixels fit before the
// window's right edge, else on a new line. label_width: a labelled widget's full width.
void same_line_if_fits(float width);
float label_width(float item_width, const char* label);
// same_line_if_fits for a button with this label (its text and frame padding).
void same_line_if_button_fits(const char* label);
// ImGui::BeginTabItem, with the tab noted as "tab:<name>" (and "tabopen:<name>" while it is the
// one shown), so tests can tap tabs and see which one opened.
bool tab_item(App& app, const char* label, const char* name);

// catalog: the page's catalog.json (what data it can stream); the digits arrive later, in chunks.
void app_init(App& app, const std::string& catalog);
// Switches to a data set (fresh weights) and asks the page to stream it; false if there is none.
bool use_data(App& app, const std::string& name);
void app_frame(App& app, float frame_budget_ms);
// What a frame advances besides the UI (training in the page or steering the worker, a seek, run
// jobs): app_frame calls it, and the platform calls it alone while nothing is drawn (the canvas
// out of view).
void app_advance(App& app, float frame_budget_ms);

// Panels, one file each.
void panel_model(App& app);
void panel_train(App& app);
void panel_draw(App& app);
void panel_data(App& app);
// While the data streams in, one bar of width x height (ImGui sizes: -1 fills, 0 is the default) (false, nothing drawn, once every image is in):
// how much is in, amber while a step waits for images on their way.
bool data_bar(App& app, float width, float height);
// A download problem, until it is solved.
void data_error(App& app);
void panel_inspect(App& app);
void panel_own_data(App& app);  // a tab of the Data panel
void panel_lessons(App& app);
// Draws this lesson's widget (none for a lesson without one; lesson_widgets.cpp).
void lesson_widget(App& app, const Lesson& lesson);
// The Share window (share_window.cpp); open_share starts its choices from the page as it is.
void share_window(App& app);
void open_share(App& app);
// The lesson's Try it link, with the values its widget shows where the demo uses them (the
// dropout lesson's rate).
std::string lesson_try_link(const Lesson& lesson);
// Draws a unit's report in the Inspect panel (pixels: the 28x28 input shown with the field on
// it; unit_view.cpp).
void draw_unit(App& app, const UnitReport& r, const uint8_t* pixels, int predicted);
void save_lesson_progress(const App& app);
// The course, read once from the page's /lessons.
const std::vector<Lesson>& course();
bool lesson_done(const App& app, const std::string& id);
void mark_lesson_done(App& app, const std::string& id);
void open_lesson_demo(App& app, const std::string& link);
void load_lesson_progress(App& app);
// The Model panel's per-layer controls (layer_editor.cpp).
void layer_editor(App& app);
// Your own examples in the browser's storage (panel_own_data.cpp).
void save_own(Session& s);
void load_own(Session& s);

// Asks before a spec change discards trained weights; applies at once when nothing is trained.
// train: a preset's training settings, set with its model.
void request_spec(App& app, const std::string& text, const TrainConfig* train = nullptr);

}  // namespace dlp
