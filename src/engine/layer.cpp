#include "engine/layer.h"

namespace dlp {

std::string Shape::str() const {
  return std::to_string(h) + "x" + std::to_string(w) + "x" + std::to_string(c);
}

}  // namespace dlp
