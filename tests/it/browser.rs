//! The default theme in real headless Chromium, over HTTP on 127.0.0.1 (and once from `file://`):
//! theme toggle before first paint, print view, copy link, font size, search, share links. The
//! tests skip with a message when Chromium is not installed, unless NEWSMIRROR_REQUIRE_BROWSER is
//! set (CI sets it, so a missing browser fails there instead of passing silently).

use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard, OnceLock};
use std::time::{Duration, Instant};

use headless_chrome::protocol::cdp::{Browser as Cdp, Emulation, Page};
use headless_chrome::{Browser, Tab};
use newsmirror::build::{build, BuildOptions};
use newsmirror::progress::Silent;
use serde_json::Value;

use crate::chromium::{self, CHROMIUM};
use crate::http;

const ARTICLE: &str = "world/isis-seeks-to-regain-foothold-in-syria-and-iraq/";

/// The example site, built once and served on 127.0.0.1 for all browser tests.
struct Served {
    _dir: tempfile::TempDir,
    public: PathBuf,
    url: String,
}

fn served() -> &'static Served {
    static SITE: OnceLock<Served> = OnceLock::new();
    SITE.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let public = dir.path().join("public");
        let (listener, url) = http::bind();
        let mut options = BuildOptions::new(env!("CARGO_MANIFEST_DIR"));
        options.output = Some(public.clone());
        options.base_url = Some(url.clone());
        build(&options, &Silent).unwrap_or_else(|e| panic!("{e:#}"));
        http::serve(listener, public.clone());
        Served {
            _dir: dir,
            public,
            url,
        }
    })
}

/// Browser tests run one at a time: several Chromiums on a small machine make timing flaky.
static ONE_BROWSER: Mutex<()> = Mutex::new(());

/// A running Chromium, its profile folder, and the lock that keeps it the only one.
type Session = (Browser, tempfile::TempDir, MutexGuard<'static, ()>);

/// A fresh headless Chromium with its own profile, or `None` (skip) when it is not installed.
fn browser() -> Option<Session> {
    if !std::path::Path::new(CHROMIUM).exists() {
        assert!(
            std::env::var_os("NEWSMIRROR_REQUIRE_BROWSER").is_none(),
            "{CHROMIUM} is missing; install chromium"
        );
        eprintln!("skipped: {CHROMIUM} not installed (apt-get install chromium)");
        return None;
    }
    let lock = ONE_BROWSER.lock().unwrap_or_else(|e| e.into_inner());
    let profile = tempfile::tempdir().unwrap();
    Some((chromium::launch(profile.path()), profile, lock))
}

fn open(browser: &Browser, url: &str) -> Arc<Tab> {
    let tab = browser.new_tab().unwrap();
    tab.navigate_to(url)
        .unwrap()
        .wait_until_navigated()
        .unwrap();
    tab
}

/// Evaluates `js` (awaiting a promise) and returns its value. CDP hands objects back by
/// reference, so the value travels as JSON text.
fn eval(tab: &Tab, js: &str) -> Value {
    let wrapped = format!("(async () => JSON.stringify(await ({js})))()");
    let text = tab
        .evaluate(&wrapped, true)
        .unwrap_or_else(|e| panic!("{js}: {e}"))
        .value;
    match text {
        Some(Value::String(json)) => serde_json::from_str(&json).unwrap_or(Value::Null),
        _ => Value::Null,
    }
}

/// Reloads and waits until the new document has finished loading.
fn reload(tab: &Tab) {
    eval(tab, "window.__old = true");
    tab.reload(false, None).unwrap();
    wait_for(tab, "!window.__old && document.readyState === 'complete'");
}

/// Polls `js` until it gives a truthy value or ten seconds pass.
fn wait_for(tab: &Tab, js: &str) -> Value {
    let start = Instant::now();
    loop {
        let value = eval(tab, js);
        if !matches!(value, Value::Null | Value::Bool(false)) {
            return value;
        }
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "timed out waiting for {js}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn dark_theme_is_remembered_and_applied_before_first_paint() {
    let Some((browser, _profile, _lock)) = browser() else {
        return;
    };
    let site = served();
    let tab = browser.new_tab().unwrap();
    // Record the theme attribute at the moment it is first set, and whether <body> existed yet.
    tab.call_method(Page::AddScriptToEvaluateOnNewDocument {
        source: "new MutationObserver(function(m, o){ window.__firstTheme = {theme: document.documentElement.getAttribute('data-theme'), bodyExisted: !!document.body}; o.disconnect(); }).observe(document, {subtree: true, attributes: true, attributeFilter: ['data-theme']});".into(),
        world_name: None,
        include_command_line_api: None,
        run_immediately: None,
    })
    .unwrap();
    tab.navigate_to(&format!("{}{ARTICLE}", site.url))
        .unwrap()
        .wait_until_navigated()
        .unwrap();
    assert_eq!(
        eval(&tab, "document.documentElement.dataset.theme"),
        "light"
    );
    tab.wait_for_element(".theme-toggle")
        .unwrap()
        .click()
        .unwrap();
    assert_eq!(eval(&tab, "document.documentElement.dataset.theme"), "dark");
    assert_eq!(
        eval(
            &tab,
            "document.querySelector('.theme-toggle').getAttribute('aria-pressed')"
        ),
        "true"
    );
    reload(&tab);
    assert_eq!(eval(&tab, "document.documentElement.dataset.theme"), "dark");
    let first = eval(&tab, "window.__firstTheme");
    assert_eq!(first["theme"], "dark", "{first}");
    assert_eq!(
        first["bodyExisted"], false,
        "the theme was set after <body> began: {first}"
    );
    let background = eval(&tab, "getComputedStyle(document.body).backgroundColor");
    assert_ne!(background, "rgb(255, 255, 255)", "dark palette not applied");
}

#[test]
fn print_view_hides_navigation_and_shows_the_source_url() {
    let Some((browser, _profile, _lock)) = browser() else {
        return;
    };
    let site = served();
    let tab = open(&browser, &format!("{}{ARTICLE}", site.url));
    tab.call_method(Emulation::SetEmulatedMedia {
        media: Some("print".into()),
        features: None,
    })
    .unwrap();
    for hidden in [
        ".site-header",
        "nav.share",
        ".article-tools",
        "nav.neighbours",
    ] {
        let display = eval(
            &tab,
            &format!("getComputedStyle(document.querySelector('{hidden}')).display"),
        );
        assert_eq!(display, "none", "{hidden} is shown in print");
    }
    let after = eval(
        &tab,
        "getComputedStyle(document.querySelector('.attribution a.source-link'), '::after').content",
    );
    assert!(
        after.as_str().unwrap().contains("https://caliber.az"),
        "{after}"
    );
    assert_ne!(
        eval(
            &tab,
            "getComputedStyle(document.querySelector('.article .body')).display"
        ),
        "none"
    );
}

#[test]
fn copy_link_copies_the_canonical_url_and_says_so() {
    let Some((browser, _profile, _lock)) = browser() else {
        return;
    };
    let site = served();
    let tab = open(&browser, &format!("{}{ARTICLE}", site.url));
    tab.call_method(Cdp::GrantPermissions {
        permissions: vec![
            Cdp::PermissionType::ClipboardReadWrite,
            Cdp::PermissionType::ClipboardSanitizedWrite,
        ],
        origin: Some(site.url.trim_end_matches('/').to_string()),
        browser_context_id: None,
    })
    .unwrap();
    tab.wait_for_element(".copy-link").unwrap().click().unwrap();
    let expected = format!("{}{ARTICLE}", site.url);
    assert_eq!(wait_for(&tab, "window.__nmLastCopied"), expected.as_str());
    assert_eq!(
        eval(&tab, "navigator.clipboard.readText()"),
        expected.as_str()
    );
    assert_eq!(
        eval(&tab, "document.querySelector('.copy-notice').hidden"),
        false
    );
    assert_eq!(
        eval(
            &tab,
            "document.querySelector('.copy-notice').textContent.trim()"
        ),
        "Link copied"
    );
}

#[test]
fn larger_text_survives_a_reload() {
    let Some((browser, _profile, _lock)) = browser() else {
        return;
    };
    let site = served();
    let tab = open(&browser, &format!("{}{ARTICLE}", site.url));
    let size = "parseFloat(getComputedStyle(document.querySelector('.article .body p')).fontSize)";
    let before = eval(&tab, size).as_f64().unwrap();
    tab.wait_for_element(".font-larger")
        .unwrap()
        .click()
        .unwrap();
    let after = eval(&tab, size).as_f64().unwrap();
    assert!(after > before, "{before} -> {after}");
    reload(&tab);
    assert_eq!(eval(&tab, size).as_f64().unwrap(), after);
}

/// A word that occurs only in the body of one article of the example site.
const BODY_WORD: &str = "Daquq";

fn search_finds_the_seed_article(tab: &Tab) {
    let done = wait_for(tab, "window.__nmSearchDone");
    assert!(done["count"].as_u64().unwrap() >= 1, "{done}");
    let links = eval(
        tab,
        "Array.from(document.querySelectorAll('#search-results a')).map(a => a.href).join(' ')",
    );
    assert!(links.as_str().unwrap().contains(ARTICLE), "{links}");
}

#[test]
fn search_finds_a_word_of_the_body_over_http_and_from_disk() {
    let Some((browser, _profile, _lock)) = browser() else {
        return;
    };
    let site = served();
    let tab = open(&browser, &format!("{}search/?q={BODY_WORD}", site.url));
    search_finds_the_seed_article(&tab);
    let file = format!(
        "file://{}/search/index.html?q={}",
        site.public.display(),
        BODY_WORD.to_lowercase()
    );
    let tab = open(&browser, &file);
    search_finds_the_seed_article(&tab);
}

#[test]
fn share_links_decode_to_the_page_url_and_title() {
    let Some((browser, _profile, _lock)) = browser() else {
        return;
    };
    let site = served();
    let tab = open(&browser, &format!("{}{ARTICLE}", site.url));
    let checks = eval(
        &tab,
        "Array.from(document.querySelectorAll('a.share-link')).map(a => { const u = new URL(a.href); const p = u.searchParams; return [a.className, p.get('url') || p.get('u') || p.get('body') || p.get('text'), p.get('text') || p.get('title') || p.get('subject')]; })",
    );
    let page = format!("{}{ARTICLE}", site.url);
    let title = "Reuters: ISIS seeks to regain foothold in Syria and Iraq following Assad’s fall";
    let rows = checks.as_array().unwrap();
    assert_eq!(rows.len(), 8, "{checks}");
    for row in rows {
        let class = row[0].as_str().unwrap();
        let url = row[1].as_str().unwrap_or("");
        assert!(url.contains(&page), "{class}: {url}");
        if !class.contains("facebook") && !class.contains("linkedin") {
            assert!(
                row[2].as_str().unwrap_or("").contains(title) || url.contains(title),
                "{class}: {row}"
            );
        }
    }
}

/// Writes the README's screenshots to docs/screenshots/ (light, dark, print and 375 px wide).
/// Run on purpose: `cargo test --test it screenshots -- --ignored`.
#[test]
#[ignore]
fn screenshots() {
    let Some((browser, _profile, _lock)) = browser() else {
        return;
    };
    let site = served();
    let out = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("docs/screenshots");
    std::fs::create_dir_all(&out).unwrap();
    let url = format!("{}{ARTICLE}", site.url);
    let shot = |tab: &Tab, name: &str| {
        let png = tab
            .capture_screenshot(Page::CaptureScreenshotFormatOption::Png, None, None, true)
            .unwrap();
        std::fs::write(out.join(name), png).unwrap();
    };
    let tab = open(&browser, &url);
    shot(&tab, "article-light.png");
    tab.wait_for_element(".theme-toggle")
        .unwrap()
        .click()
        .unwrap();
    shot(&tab, "article-dark.png");
    let pdf = tab.print_to_pdf(None).unwrap();
    let pdf_path = out.join("article-print.pdf");
    std::fs::write(&pdf_path, pdf).unwrap();
    let status = std::process::Command::new("pdftoppm")
        .args(["-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile"])
        .arg(&pdf_path)
        .arg(out.join("article-print"))
        .status()
        .expect("pdftoppm (apt-get install poppler-utils)");
    assert!(status.success());
    std::fs::remove_file(pdf_path).unwrap();
    tab.call_method(Emulation::SetDeviceMetricsOverride {
        width: 375,
        height: 812,
        device_scale_factor: 2.0,
        mobile: true,
        scale: None,
        screen_width: None,
        screen_height: None,
        position_x: None,
        position_y: None,
        dont_set_visible_size: None,
        screen_orientation: None,
        viewport: None,
        display_feature: None,
        device_posture: None,
    })
    .unwrap();
    eval(&tab, "localStorage.setItem('nm-theme', 'light')");
    reload(&tab);
    shot(&tab, "article-375.png");
}

/// An offline bundle opened from disk with the network switched off: navigation, search and the
/// theme toggle work, and every request the browser makes stays inside the bundle and succeeds.
#[test]
fn an_offline_bundle_works_from_disk_without_network() {
    use headless_chrome::protocol::cdp::types::Event;
    use headless_chrome::protocol::cdp::Network;

    let Some((browser, _profile, _lock)) = browser() else {
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let bundle = tmp.path().join("bundle");
    let options = BuildOptions::new(env!("CARGO_MANIFEST_DIR"));
    newsmirror::build::write_dir(&options, &bundle, true, &Silent).unwrap();
    let tab = browser.new_tab().unwrap();
    let requests: Arc<Mutex<Vec<(String, String)>>> = Arc::default();
    let failures: Arc<Mutex<Vec<String>>> = Arc::default();
    let (seen, failed) = (requests.clone(), failures.clone());
    tab.add_event_listener(Arc::new(move |event: &Event| match event {
        Event::NetworkRequestWillBeSent(e) => seen
            .lock()
            .unwrap()
            .push((e.params.request_id.clone(), e.params.request.url.clone())),
        Event::NetworkLoadingFailed(e) => failed
            .lock()
            .unwrap()
            .push(format!("{}: {}", e.params.request_id, e.params.error_text)),
        _ => {}
    }))
    .unwrap();
    let enable: Network::Enable = serde_json::from_value(serde_json::json!({})).unwrap();
    tab.call_method(enable).unwrap();
    let offline: Network::EmulateNetworkConditions = serde_json::from_value(serde_json::json!(
        {"offline": true, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1}
    ))
    .unwrap();
    tab.call_method(offline).unwrap();
    let root = format!("file://{}/", bundle.display());
    tab.navigate_to(&format!("{root}index.html"))
        .unwrap()
        .wait_until_navigated()
        .unwrap();
    // Follow a section link as a reader would, then the first article of that section.
    tab.wait_for_element("nav.sections-nav a")
        .unwrap()
        .click()
        .unwrap();
    wait_for(
        &tab,
        "location.href.endsWith('/world/index.html') && document.readyState === 'complete'",
    );
    tab.wait_for_element(".news-list .item h2 a")
        .unwrap()
        .click()
        .unwrap();
    wait_for(
        &tab,
        "!!document.querySelector('article.article') && document.readyState === 'complete'",
    );
    tab.wait_for_element(".theme-toggle")
        .unwrap()
        .click()
        .unwrap();
    assert_eq!(eval(&tab, "document.documentElement.dataset.theme"), "dark");
    tab.navigate_to(&format!(
        "{root}search/index.html?q={}",
        BODY_WORD.to_lowercase()
    ))
    .unwrap();
    search_finds_the_seed_article(&tab);
    let requests = requests.lock().unwrap().clone();
    assert!(
        requests.len() > 10,
        "only {} requests recorded",
        requests.len()
    );
    for (_, url) in &requests {
        assert!(
            url.starts_with(&root) || url.starts_with("data:"),
            "request outside the bundle: {url}"
        );
    }
    let failures = failures.lock().unwrap().clone();
    assert!(
        failures.is_empty(),
        "failed requests: {failures:?}\nall: {requests:#?}"
    );
}

#[test]
fn live_reload_and_stylesheet_swap_in_the_preview() {
    let Some((browser, _profile, _lock)) = browser() else {
        return;
    };
    let site = crate::common::Site::new("title: Preview\n");
    site.article("world/a.md", "title: First", "Original text.");
    site.file("static/css/extra.css", "p { margin: 0 }\n");
    let (addr, _) = crate::serve::start(&site, 0);
    let tab = open(&browser, &format!("http://{addr}/world/a/"));
    // The page's EventSource connects after load; give it a moment before changing files.
    std::thread::sleep(Duration::from_millis(500));
    eval(&tab, "window.__kept = 1");
    site.file(
        "static/css/site.css",
        "body { background-color: rgb(1, 2, 3) }\n",
    );
    wait_for(
        &tab,
        "getComputedStyle(document.body).backgroundColor === 'rgb(1, 2, 3)'",
    );
    assert_eq!(
        eval(&tab, "window.__kept"),
        1,
        "a stylesheet change must not reload"
    );
    site.article("world/a.md", "title: First", "Edited in the browser.");
    wait_for(
        &tab,
        "!window.__kept && document.body.innerText.includes('Edited in the browser.')",
    );
}
