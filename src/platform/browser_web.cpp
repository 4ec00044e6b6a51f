// ui/browser.h on the web: kept bytes in IndexedDB (web/main.js, Module.store), the data stream,
// downloads, the page's file pickers (web/main.js decodes PNGs and hands over pixels or IDX bytes)
// and the clipboard.
#include <emscripten.h>

#include <cstdlib>

#include "ui/browser.h"

namespace dlp {

// Module.store (web/main.js): IndexedDB read into memory before the module starts, written in
// transactions; each tab its own session, an embedded demo its own keys.
EM_JS(void, js_storage_save, (const char* key, const uint8_t* data, int n, int per_tab), {
  if (Module.store) Module.store.save(UTF8ToString(key), HEAPU8.slice(data, data + n), per_tab !== 0);
});

EM_JS(uint8_t*, js_storage_load, (const char* key, int* n, int per_tab), {
  const bytes = Module.store ? Module.store.load(UTF8ToString(key), per_tab !== 0) : null;
  if (!bytes) return 0;
  const p = _malloc(bytes.length + 1);
  HEAPU8.set(bytes, p);
  HEAP32[n >> 2] = bytes.length;
  return p;
});

EM_JS(void, js_request_dataset, (const char* name), { if (Module.streamDataset) Module.streamDataset(UTF8ToString(name)); });

EM_JS(void, js_download, (const char* name, const uint8_t* data, int n), {
  const blob = new Blob([HEAPU8.slice(data, data + n)], { type: 'application/octet-stream' });
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = UTF8ToString(name);
  document.body.appendChild(a);
  a.click();
  setTimeout(() => { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
});

EM_JS(void, js_open_weights_picker, (), { if (Module.openWeightsPicker) Module.openWeightsPicker(); });

EM_JS(char*, js_copy_link, (const char* fragment), {
  const url = Module.copyLink ? Module.copyLink(UTF8ToString(fragment)) : "";
  const n = lengthBytesUTF8(url) + 1;
  const p = _malloc(n);
  stringToUTF8(url, p, n);
  return p;
});

EM_JS(void, js_open_file_picker, (int label), { if (Module.openFilePicker) Module.openFilePicker(label); });

EM_JS(void, js_offline_copy, (int keep), { if (Module.offline) Module.offline(keep !== 0); });
void offline_copy(bool keep) { js_offline_copy(keep ? 1 : 0); }

void storage_save(const std::string& key, const std::vector<uint8_t>& bytes, Keep keep) {
  js_storage_save(key.c_str(), bytes.data(), static_cast<int>(bytes.size()), keep == Keep::Tab);
}

bool storage_load(const std::string& key, std::vector<uint8_t>* bytes, Keep keep) {
  int n = 0;
  uint8_t* p = js_storage_load(key.c_str(), &n, keep == Keep::Tab);
  if (!p) return false;
  bytes->assign(p, p + n);
  std::free(p);
  return true;
}

void request_dataset(const std::string& name) { js_request_dataset(name.c_str()); }

// A string the page returned in memory it allocated (_malloc), taken and freed.
static std::string taken(char* p) {
  std::string s = p ? p : "";
  std::free(p);
  return s;
}

std::string copy_link_to_clipboard(const std::string& fragment) { return taken(js_copy_link(fragment.c_str())); }

EM_JS(char*, js_page_url, (const char* fragment), {
  const url = Module.pageUrl ? Module.pageUrl(UTF8ToString(fragment)) : "";
  const n = lengthBytesUTF8(url) + 1;
  const p = _malloc(n);
  stringToUTF8(url, p, n);
  return p;
});
EM_JS(void, js_copy_text, (const char* text), { if (Module.copyText) Module.copyText(UTF8ToString(text)); });

std::string page_url(const std::string& fragment) { return taken(js_page_url(fragment.c_str())); }

void copy_text_to_clipboard(const std::string& text) { js_copy_text(text.c_str()); }

void download_file(const std::string& name, const std::vector<uint8_t>& bytes) {
  js_download(name.c_str(), bytes.data(), static_cast<int>(bytes.size()));
}

void open_weights_picker() { js_open_weights_picker(); }

void open_file_picker(int default_label) { js_open_file_picker(default_label); }

}  // namespace dlp
