// Frames on demand (session/redraw.h): what asks for a frame gets it, and nothing else does.
#include <gtest/gtest.h>

#include "session/redraw.h"
#include "session/sliced_job.h"

using namespace dlp;

TEST(Redraw, FramesComeOnlyWhenAskedFor) {
  Redraw r;
  EXPECT_FALSE(r.due(0)) << "nothing asked: no frame";
  r.now();  // input: ImGui settles over three frames
  EXPECT_TRUE(r.due(1));
  EXPECT_TRUE(r.due(2));
  EXPECT_TRUE(r.due(3));
  EXPECT_FALSE(r.due(4));
  r.now(1);
  r.now(2);  // the larger ask wins, asks do not add up
  EXPECT_TRUE(r.due(5) && r.due(6));
  EXPECT_FALSE(r.due(7));
  r.after(400, 100);  // a caret at 500
  r.after(900, 100);  // a later timer does not delay it
  EXPECT_FALSE(r.due(499));
  EXPECT_TRUE(r.due(500));
  EXPECT_FALSE(r.due(1000)) << "a timer fires once";
}

TEST(Redraw, ASlicedJobAsksForTheNextFrameOnlyWhileItGoesOn) {
  Redraw& r = redraw();
  while (r.due(0)) {}
  SlicedJob job;
  int left = 1000000;
  job.start(left, [&] { return --left > 0; });
  EXPECT_FALSE(r.pending()) << "starting asks for nothing: the widget that started it was drawn";
  job.run_for(0.5);
  EXPECT_TRUE(job.running());
  EXPECT_TRUE(r.pending()) << "a job that goes on asks for the next frame";
  while (r.due(0)) {}
  left = 1;
  job.run_for(1000);  // ends by itself
  EXPECT_FALSE(job.running());
  EXPECT_FALSE(r.pending()) << "a finished job asks for no frame";
  job.start(3, [] { return true; });
  job.stop();
  job.run_for(1000);
  EXPECT_FALSE(r.pending()) << "a stopped job asks for no frame";
}
