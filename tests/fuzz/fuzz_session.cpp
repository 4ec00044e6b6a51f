// libFuzzer: the readers of what the page keeps between visits and of a session file
// (session/kept_session.h, Rewind::take) on arbitrary bytes. What a reader accepts writes back to
// the same bytes, and loads into a model without harm or is refused.
#include <cstddef>
#include <cstdint>
#include <cstring>

#include "engine/safetensors.h"
#include "links/share_link.h"
#include "session/kept_session.h"
#include "session/rewind.h"

namespace {
std::unique_ptr<dlp::Model> small_model(const char* text) {
  dlp::ModelSpec spec;
  dlp::SpecError err;
  dlp::parse_spec(text, &spec, &err);
  return dlp::Model::create(spec, dlp::Shape{4, 4, 1}, 3, &err);
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static std::unique_ptr<dlp::Model> model = small_model("conv3x3x2 relu dense3");
  dlp::KeptSession k;
  if (dlp::read_kept_session(data, size, &k)) {
    const std::vector<uint8_t> again = dlp::kept_session_bytes(k);
    if (again.size() > size || std::memcmp(again.data(), data, again.size()) != 0) __builtin_trap();
    dlp::ShareLink d;
    std::vector<std::string> problems;
    dlp::decode_link(k.link, &d, &problems);
    std::string err;
    dlp::load_safetensors_bytes(k.weights.data(), k.weights.size(), model.get(), &err);
    model->load_train_state(k.state.data(), k.state.size());
  }
  std::string link;
  const uint8_t* p = nullptr;
  size_t n = 0;
  if (dlp::read_kept_keyframes(data, size, &link, &p, &n)) {
    dlp::Rewind r;
    if (r.take(p, n, *model, UINT64_MAX)) {
      const std::vector<uint8_t> once = r.bytes_out();
      dlp::Rewind s;
      if (!s.take(once.data(), once.size(), *model, UINT64_MAX) || s.bytes_out() != once || s.count() != r.count()) __builtin_trap();
    }
  }
  return 0;
}
