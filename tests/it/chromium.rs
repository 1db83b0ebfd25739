//! Starting headless Chromium the one way this project does it: Debian's binary, no sandbox (the
//! tests run as root in CI), no GPU, none of the background traffic a closed network refuses,
//! and a fresh profile folder. `benches/search_speed.rs` includes this file too.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::time::Duration;

use headless_chrome::{Browser, LaunchOptions};

/// Debian's Chromium.
pub const CHROMIUM: &str = "/usr/bin/chromium";

/// Starts Chromium with its profile in `profile`.
pub fn launch(profile: &Path) -> Browser {
    let flags = [
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
    ];
    let options = LaunchOptions::default_builder()
        .path(Some(PathBuf::from(CHROMIUM)))
        .headless(true)
        .sandbox(false)
        .user_data_dir(Some(profile.to_path_buf()))
        .window_size(Some((1280, 900)))
        .idle_browser_timeout(Duration::from_secs(300))
        .args(flags.iter().map(OsStr::new).collect())
        .build()
        .expect("valid launch options");
    Browser::new(options).expect("Chromium starts")
}
