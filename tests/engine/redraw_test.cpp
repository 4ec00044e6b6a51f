// Frames on demand (app/redraw.h): what asks for a frame gets it, and nothing else does.
#include <gtest/gtest.h>

#include "app/redraw.h"
#include "app/sliced_job.h"

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

TEST(Redraw, SlicedJobsAreCountedWhileTheyRun) {
  const int before = SlicedJob::running_jobs();
  {
    SlicedJob a, b;
    int left = 3;
    a.start(3, [&] { return --left > 0; });
    b.start(1, [] { return true; });
    EXPECT_EQ(SlicedJob::running_jobs(), before + 2);
    a.start(3, [] { return true; });  // replacing a running job is still one job
    EXPECT_EQ(SlicedJob::running_jobs(), before + 2);
    b.stop();
    b.stop();
    EXPECT_EQ(SlicedJob::running_jobs(), before + 1);
    left = 1;
    a.start(1, [&] { return --left > 0; });
    a.run_for(1000);  // ends by itself
    EXPECT_FALSE(a.running());
    EXPECT_EQ(SlicedJob::running_jobs(), before);
    b.start(1, [] { return true; });
  }  // a job that goes away while it runs is no longer counted
  EXPECT_EQ(SlicedJob::running_jobs(), before);
}
