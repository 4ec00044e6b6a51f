// Facts (session/fact.h) in test messages: their kind's number and their text, if any.
#pragma once
#include <ostream>

#include "session/fact.h"

namespace dlp {

inline std::ostream& operator<<(std::ostream& o, const Fact& f) {
  o << "fact " << f.kind;
  if (!f.text.empty()) o << " \"" << f.text << "\"";
  return o;
}

}  // namespace dlp
