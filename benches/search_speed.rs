//! Search at scale: the size of the search index and the time from a query to its results in
//! headless Chromium, on a site built from the benchmark corpus.
//!
//!     python3 ../shared/bench/gen_corpus.py 10000 /tmp/c10k
//!     cargo run --release -- build --root /tmp/c10k
//!     cargo bench --bench search_speed -- /tmp/c10k/public
//!
//! Each query is run in a fresh tab (cold: the index files are loaded for it) and once more in the
//! same tab (warm). Times are what the page's script measures, from the query to results shown.

#[path = "../tests/it/chromium.rs"]
mod chromium;
#[path = "../tests/it/http.rs"]
mod http;

use std::path::PathBuf;
use std::time::{Duration, Instant};

const QUERIES: &[&str] = &[
    "climate",
    "election minister",
    "semiconductor",
    "ceasefire talks",
    "zzzz",
];

fn main() {
    let Some(public) = std::env::args().skip(1).find(|a| !a.starts_with("--")) else {
        eprintln!("usage: cargo bench --bench search_speed -- PATH/TO/public");
        return;
    };
    let public = PathBuf::from(public);
    let index = public.join("search");
    let (mut total, mut docs, mut largest) = (0u64, 0u64, 0u64);
    for entry in std::fs::read_dir(&index).expect("a built site with search/") {
        let len = entry.as_ref().unwrap().metadata().unwrap().len();
        total += len;
        if entry.unwrap().file_name() == "docs.js" {
            docs = len;
        } else {
            largest = largest.max(len);
        }
    }
    println!(
        "index: {:.1} MiB in all; docs.js {:.1} MiB; largest shard {:.0} KiB",
        mib(total),
        mib(docs),
        largest as f64 / 1024.0
    );
    let (listener, url) = http::bind();
    http::serve(listener, public);
    let profile = tempfile::tempdir().unwrap();
    let browser = chromium::launch(profile.path());
    println!("| query | results | cold ms | warm ms |\n|---|---|---|---|");
    for query in QUERIES {
        let tab = browser.new_tab().unwrap();
        let page = format!("{url}search/?q={}", query.replace(' ', "+"));
        tab.navigate_to(&page)
            .unwrap()
            .wait_until_navigated()
            .unwrap();
        let cold = wait_done(&tab, query);
        tab.evaluate(&format!("window.__nmSearchDone = null; const i = document.getElementById('search-page-q'); i.value = {:?}; i.form.requestSubmit();", format!("{query} ")), false).unwrap();
        let warm = wait_done(&tab, query);
        println!("| {query} | {} | {:.0} | {:.0} |", cold.0, cold.1, warm.1);
    }
}

/// Waits for the page to report the search done; returns (results, milliseconds).
fn wait_done(tab: &headless_chrome::Tab, query: &str) -> (u64, f64) {
    let start = Instant::now();
    loop {
        let js = "JSON.stringify(window.__nmSearchDone || null)";
        let text = tab.evaluate(js, false).unwrap().value.unwrap();
        let done: serde_json::Value = serde_json::from_str(text.as_str().unwrap()).unwrap();
        if !done.is_null() {
            return (
                done["count"].as_u64().unwrap_or(0),
                done["ms"].as_f64().unwrap_or(0.0),
            );
        }
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "no result for {query}"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn mib(bytes: u64) -> f64 {
    bytes as f64 / 1024.0 / 1024.0
}
