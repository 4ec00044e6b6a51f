// The run's part of a share link (see run_link.cpp).
#pragma once
#include "links/share_link.h"
#include "session/session.h"

namespace dlp {

// The page's run as a link's fields: where it started, its log and steps (mid-replay: the link
// being replayed), the sender's weights hash. Leaves the view's fields (panels, lesson...) alone.
void capture_run(Session& s, ShareLink* d);
// The link's data set must be loaded. Starts its run and replays it (Session::tick does the steps).
void open_run(Session& s, const ShareLink& d);
// Only the settings, for a run that starts without replaying (a kept session).
void set_run_settings(Session& s, const ShareLink& d);

}  // namespace dlp
