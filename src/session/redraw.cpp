#include "session/redraw.h"

namespace dlp {

Redraw& redraw() {
  static Redraw r;
  return r;
}

}  // namespace dlp
