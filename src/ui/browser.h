// What the UI asks of the browser: bytes kept for the student between visits, the data set's
// stream, downloads, file pickers and the clipboard. Implemented by the platform
// (src/platform/browser_web.cpp: IndexedDB through web/main.js's Module.store, fetch,
// <input type=file>, the clipboard API).
#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace dlp {

// Whose kept bytes are: the browser's (every tab reads the same), or this tab's (each tab keeps its
// own across its reloads; a tab opened from nothing reads the most recent of any tab's).
enum class Keep { Browser, Tab };
void storage_save(const std::string& key, const std::vector<uint8_t>& bytes, Keep keep = Keep::Browser);
bool storage_load(const std::string& key, std::vector<uint8_t>* bytes, Keep keep = Keep::Browser);
// Asks the page to stream a data set's chunks from the first (it calls dlp_data_chunk for each,
// in order, and dlp_data_problem while a download fails); any other stream stops.
void request_dataset(const std::string& name);
// Offers bytes to the user as a file download.
void download_file(const std::string& name, const std::vector<uint8_t>& bytes);
// Opens the file picker for weights (.safetensors); they arrive through dlp_load_weights.
void open_weights_picker();
// Copies the page's address with this fragment (the share link) to the clipboard, and puts it in
// the address bar; returns the full URL.
std::string copy_link_to_clipboard(const std::string& fragment);
// The page's full address with this fragment (nothing else changes).
std::string page_url(const std::string& fragment);
// Copies text to the clipboard.
void copy_text_to_clipboard(const std::string& text);
// Opens the browser's file picker; chosen files arrive through the dlp_add_own_* entry points.
void open_file_picker(int default_label);
// Removes the page's copy for offline use (and its service worker, not registered again until
// asked), or keeps it again (keep: true); the page then says what is kept (dlp_offline).
void offline_copy(bool keep);

}  // namespace dlp
