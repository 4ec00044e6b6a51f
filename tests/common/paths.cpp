// DLP_DATA_DIR and DLP_SOURCE_DIR are defined for this file only (CMakeLists.txt).
#include "paths.h"

namespace dlp::test {

const char* data_dir() { return DLP_DATA_DIR; }

std::string source_path(const char* inside) { return std::string(DLP_SOURCE_DIR) + "/" + inside; }

}  // namespace dlp::test
