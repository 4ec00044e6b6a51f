// Sessions as pages have them, for the tests of links and of the training worker: a fresh page,
// its link, opening a link in another page, comparing two pages.
#pragma once
#include <gtest/gtest.h>

#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "facts.h"
#include "links/run_link.h"
#include "paths.h"

namespace dlp::test {

// Links recorded as test data, one per line ('#' starts a comment), at most `most` of them; none
// if the file cannot be read.
inline std::vector<std::string> recorded_links(const std::string& path, int most) {
  std::vector<std::string> out;
  FILE* f = std::fopen(path.c_str(), "r");
  if (!f) return out;
  char line[8192];
  while (static_cast<int>(out.size()) < most && std::fgets(line, sizeof line, f)) {
    std::string link(line);
    while (!link.empty() && (link.back() == '\n' || link.back() == '\r')) link.pop_back();
    if (!link.empty() && link[0] != '#') out.push_back(link);
  }
  std::fclose(f);
  return out;
}

// A session as a freshly opened page has it: data in, the default spec built, own examples
// loaded (or none), then whatever the page does.
inline std::unique_ptr<Session> fresh_page(const std::string& spec, int own_examples = 0) {
  auto s = std::make_unique<Session>();
  EXPECT_TRUE(s->load_data("mnist", dlp::test::data_dir())) << s->told(Topic::Data);
  s->batch = 8;
  EXPECT_TRUE(s->set_spec(spec)) << s->draft.error.str();
  for (int i = 0; i < own_examples; ++i) s->own.add(s->data.test.image(static_cast<size_t>(i)), s->data.test.labels[static_cast<size_t>(i)], nullptr);
  s->own.changed();  // as app_init's load_own does, examples or not
  return s;
}

inline std::string link_of(Session& s) {
  ShareLink d;
  capture_run(s, &d);
  return encode_link(d);
}

inline void run_replay(Session& s) {
  for (int guard = 0; s.training && guard < 100000; ++guard) s.tick(50);
}

// Opens `link` in a fresh page (with `own_examples` of its own) and replays it.
inline std::unique_ptr<Session> open(const std::string& link, int own_examples = 0) {
  auto s = fresh_page("dense10", own_examples);
  ShareLink d;  // a link is read onto the defaults, as the page does (page_link.cpp)
  std::vector<std::string> problems;
  EXPECT_TRUE(decode_link(link, &d, &problems));
  EXPECT_TRUE(problems.empty()) << problems[0];
  open_run(*s, d);
  run_replay(*s);
  return s;
}

inline void expect_same(Session& a, Session& b, const std::string& what) {
  EXPECT_EQ(a.steps(), b.steps()) << what;
  EXPECT_EQ(a.model->weights_hash(), b.model->weights_hash()) << what;
  EXPECT_EQ(a.metrics.loss.y, b.metrics.loss.y) << what;
  EXPECT_EQ(link_of(a), link_of(b)) << what;
}

inline void train(Session& s, int n) {
  for (int i = 0; i < n && s.model; ++i) s.step_once();
}

}  // namespace dlp::test
