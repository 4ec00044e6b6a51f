// Where the tests find their files: the build's data folder and the source tree. Both paths are
// compiled into paths.cpp alone, so no other test object depends on where the tree is checked out
// (ccache reuses them in another clone of the same tree).
#pragma once

#include <string>

namespace dlp::test {

// The build's data folder (catalog.json and the chunks the tests train on).
const char* data_dir();

// A file or folder of the source tree, by its path inside it ("tests/fixtures/x").
std::string source_path(const char* inside);

}  // namespace dlp::test
