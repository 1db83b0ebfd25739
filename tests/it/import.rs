//! `newsmirror import` end to end on fixture inputs: where files go, their front matter and
//! provenance, re-imports, hand edits, sanitizing, feeds, folders, and that the result builds.
//! Pages go through [`stub`], a fixed extractor, so these tests check the import plumbing and not
//! the extractor's quality; text dumps and feeds use the real code paths.

use std::fs;
use std::path::Path;

use newsmirror::content::frontmatter;
use newsmirror::import::extract::Extracted;
use newsmirror::import::{self, ImportOptions, Outcome, Report};
use newsmirror::progress::Silent;

use crate::common::Site;

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/import");

/// A stand-in extractor reading what simple fixture pages state plainly: `<title>`, the
/// canonical link, `article:section`, `og:site_name`, `<meta name=date>`, `<html lang>`, and the
/// raw inside of `<body>` as the body (hostile markup included, for the sanitizer to remove).
pub fn stub(html: &str, page_url: Option<&url::Url>) -> Extracted {
    let between = |start: &str, end: &str| {
        let at = html.find(start)? + start.len();
        let stop = html[at..].find(end)? + at;
        Some(html[at..stop].trim().to_string())
    };
    let meta = |key: &str| between(&format!("{key}\" content=\""), "\"");
    Extracted {
        title: between("<title>", "</title>"),
        date: meta("name=\"date"),
        section: meta("property=\"article:section"),
        site_name: meta("property=\"og:site_name"),
        canonical_url: between("<link rel=\"canonical\" href=\"", "\"")
            .or_else(|| page_url.map(|u| u.to_string())),
        lang: between("<html lang=\"", "\""),
        image: meta("property=\"og:image"),
        body: between("<body>", "</body>").unwrap_or_default(),
        ..Extracted::default()
    }
}

/// A site with English and Russian.
pub fn site() -> Site {
    Site::new(
        "title: T\nbase_url: https://mirror.example/\nlanguages: {en: {name: English}, ru: {name: Русский}}\n",
    )
}

pub fn options(site: &Site, inputs: &[&str]) -> ImportOptions {
    let mut o = ImportOptions::new(site.root(), inputs.iter().map(|s| s.to_string()).collect());
    o.extract = stub;
    o.fetch.delay = std::time::Duration::ZERO;
    o.fetch.backoff = std::time::Duration::from_millis(10);
    o
}

pub fn run(options: &ImportOptions) -> Report {
    import::run(options, &Silent).expect("import runs")
}

pub fn page(title: &str, url: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html><html lang=\"en\"><head><title>{title}</title><link rel=\"canonical\" href=\"{url}\">\
         <meta property=\"article:section\" content=\"Politics\"><meta property=\"og:site_name\" content=\"Daily Planet\">\
         <meta name=\"date\" content=\"2025-06-12T15:29:00+04:00\"></head><body>{body}</body></html>"
    )
}

fn read(site: &Site, rel: &str) -> String {
    fs::read_to_string(site.root().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

fn front(site: &Site, rel: &str) -> frontmatter::FrontMatter {
    let text = read(site, rel);
    frontmatter::parse(Path::new(rel), &text).unwrap().front
}

#[test]
fn seed_text_dump_imports_to_the_article_and_nothing_else() {
    let s = site();
    let dump = format!("{FIXTURES}/caliber-dump.txt");
    let mut o = options(&s, &[&dump]);
    o.write.source_url = Some("https://caliber.az/en/post/isis".into());
    let r = run(&o);
    assert_eq!(
        (r.count(Outcome::Created), r.failures.len()),
        (1, 0),
        "{r:?}"
    );
    let rel = "content/world/reuters-isis-seeks-to-regain-foothold-in-syria-and-iraq-following-assads-fall.md";
    assert_eq!(r.items[0].path, Path::new(rel));
    let f = front(&s, rel);
    assert_eq!(
        f.title.as_deref(),
        Some("Reuters: ISIS seeks to regain foothold in Syria and Iraq following Assad’s fall")
    );
    assert_eq!(f.date.as_deref(), Some("2025-06-12 15:29"));
    assert_eq!(f.section.as_deref(), Some("world"));
    assert_eq!(f.views, Some(778));
    let source = f.source.unwrap();
    assert_eq!(source.name, "Caliber.az");
    assert_eq!(source.url, "https://caliber.az/en/post/isis");
    assert_eq!(
        source.notice.as_deref(),
        Some("Any use of materials is allowed only if there is a hyperlink to Caliber.az")
    );
    let text = read(&s, rel);
    let body = frontmatter::parse(Path::new(rel), &text)
        .unwrap()
        .body
        .to_string();
    let paragraphs: Vec<&str> = body.trim().split("\n\n").collect();
    assert_eq!(paragraphs.len(), 10, "{body}");
    assert!(paragraphs[0].starts_with("The Islamic State (ISIS) is stepping up efforts"));
    assert!(paragraphs[9].ends_with("jihadist violence could be looming."));
    // Every dump line that is not a paragraph is chrome and must be absent from the body.
    let dump_text = fs::read_to_string(&dump).unwrap();
    for line in dump_text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        if !paragraphs.contains(&line) {
            // Short chrome ("ru", "ads") may occur inside words: compare those by whole line.
            let found = body.lines().any(|l| l.trim() == line)
                || (line.split_whitespace().count() >= 2 && body.contains(line));
            assert!(!found, "chrome line {line:?} in the body");
        }
    }
}

/// `dump` as `lynx -dump` prints such a page: text indented three columns and wrapped at 72,
/// a blank line after each wrapped paragraph.
fn lay_out_like_lynx(dump: &str) -> String {
    let mut out = String::new();
    for line in dump.lines() {
        let mut row = String::from("   ");
        for word in line.split_whitespace() {
            if row.len() > 3 && row.chars().count() + 1 + word.chars().count() > 72 {
                out.push_str(&row);
                out.push('\n');
                row = String::from("   ");
            } else if row.len() > 3 {
                row.push(' ');
            }
            row.push_str(word);
        }
        out.push_str(row.trim_end());
        out.push('\n');
        if line.chars().count() > 69 {
            out.push('\n');
        }
    }
    out
}

#[test]
fn the_seed_dump_printed_by_a_text_browser_imports_to_the_same_article() {
    let copied = site();
    let printed = site();
    let dump = fs::read_to_string(format!("{FIXTURES}/caliber-dump.txt")).unwrap();
    let lynx = lay_out_like_lynx(&dump);
    assert!(lynx.lines().all(|l| l.chars().count() <= 72) && lynx.lines().count() > 80);
    printed.file("inbox/lynx.txt", &lynx);
    let lynx_path = printed.root().join("inbox/lynx.txt");
    let rel = "content/world/reuters-isis-seeks-to-regain-foothold-in-syria-and-iraq-following-assads-fall.md";
    for (s, input) in [
        (&copied, format!("{FIXTURES}/caliber-dump.txt")),
        (&printed, lynx_path.display().to_string()),
    ] {
        let mut o = options(s, &[&input]);
        o.write.source_url = Some("https://caliber.az/en/post/isis".into());
        let r = run(&o);
        assert_eq!(r.failures.len(), 0, "{r:?}");
    }
    let article = |s: &Site| {
        let text = read(s, rel);
        let doc = frontmatter::parse(Path::new(rel), &text).unwrap();
        let f = doc.front;
        let source = f.source.unwrap();
        let fields = (
            f.title,
            f.date,
            f.section,
            f.views,
            source.name,
            source.notice,
        );
        (fields, doc.body.to_string())
    };
    let (want, want_body) = article(&copied);
    let (got, got_body) = article(&printed);
    assert_eq!(got, want);
    assert_eq!(got_body, want_body);
    assert_eq!(want_body.trim().split("\n\n").count(), 10);
}

#[test]
fn an_article_without_a_source_url_is_not_written_and_the_user_is_told_how() {
    let s = site();
    let r = run(&options(&s, &[&format!("{FIXTURES}/caliber-dump.txt")]));
    assert_eq!(r.items.len(), 0);
    assert_eq!(r.failures.len(), 1);
    assert!(r.failures[0].from.ends_with("caliber-dump.txt"));
    assert!(
        r.failures[0].reason.contains("--source-url"),
        "{}",
        r.failures[0].reason
    );
    assert!(!s.root().join("content/world").exists());
}

#[test]
fn a_dump_is_credited_to_the_address_the_user_gave_over_one_it_shows() {
    let s = site();
    let dump = fs::read_to_string(format!("{FIXTURES}/caliber-dump.txt")).unwrap();
    let shown = "https://mirror-of-caliber.test/copy/isis";
    s.file("inbox/dump.txt", &format!("{dump}\n{shown}\n"));
    let input = s.root().join("inbox/dump.txt");
    let rel = "content/world/reuters-isis-seeks-to-regain-foothold-in-syria-and-iraq-following-assads-fall.md";
    // Without --source-url the address on a line of its own is the best there is.
    let r = run(&options(&s, &[input.to_str().unwrap()]));
    assert_eq!(r.failures.len(), 0, "{r:?}");
    assert_eq!(front(&s, rel).source.unwrap().url, shown);
    // With it, the user's word wins.
    let other = site();
    let mut o = options(&other, &[input.to_str().unwrap()]);
    o.write.source_url = Some("https://caliber.az/en/post/isis".into());
    let r = run(&o);
    assert_eq!(r.failures.len(), 0, "{r:?}");
    assert_eq!(
        front(&other, rel).source.unwrap().url,
        "https://caliber.az/en/post/isis"
    );
}

#[test]
fn reimport_updates_the_same_file_and_never_overwrites_hand_edits_without_force() {
    let s = site();
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("story.html");
    let input_str = input.display().to_string();
    let url = "https://planet.example/politics/budget";
    fs::write(
        &input,
        page("Budget approved", url, "<p>First version of the text.</p>"),
    )
    .unwrap();
    let o = options(&s, &[&input_str]);
    let r = run(&o);
    assert_eq!(r.count(Outcome::Created), 1, "{r:?}");
    let rel = "content/politics/budget-approved.md";
    let record = front(&s, rel).import.expect("provenance");
    assert_eq!(record.from, input_str);
    assert!(record.hash.starts_with("sha256:") && !record.at.is_empty());

    assert_eq!(run(&o).count(Outcome::Unchanged), 1);
    assert_eq!(
        front(&s, rel).import.unwrap().at,
        record.at,
        "unchanged files are not touched"
    );

    // The original changes, headline included: the same file is updated, not a new one made.
    fs::write(
        &input,
        page("Budget approved at last", url, "<p>Second version.</p>"),
    )
    .unwrap();
    assert_eq!(run(&o).count(Outcome::Updated), 1);
    assert!(read(&s, rel).contains("Second version."));
    assert!(!s
        .root()
        .join("content/politics/budget-approved-at-last.md")
        .exists());

    // A person edits the file; a later import must leave it alone.
    let edited = read(&s, rel).replace("Second version.", "Corrected by an editor.");
    fs::write(s.root().join(rel), &edited).unwrap();
    fs::write(
        &input,
        page("Budget approved at last", url, "<p>Third version.</p>"),
    )
    .unwrap();
    let r = run(&o);
    assert_eq!(r.count(Outcome::SkippedEdited), 1, "{r:?}");
    assert_eq!(read(&s, rel), edited);

    let mut forced = o.clone();
    forced.write.force = true;
    assert_eq!(run(&forced).count(Outcome::Updated), 1);
    assert!(read(&s, rel).contains("Third version."));
}

#[test]
fn hand_written_articles_with_the_same_source_are_not_overwritten() {
    let s = site();
    s.article(
        "world/mine.md",
        "source: {name: P, url: \"https://planet.example/x\"}",
        "Mine.\n",
    );
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("x.html");
    fs::write(
        &input,
        page("X", "https://planet.example/x", "<p>Imported.</p>"),
    )
    .unwrap();
    let r = run(&options(&s, &[&input.display().to_string()]));
    assert_eq!(r.count(Outcome::SkippedEdited), 1, "{r:?}");
    assert_eq!(r.items[0].path, Path::new("content/world/mine.md"));
    assert!(read(&s, "content/world/mine.md").contains("Mine."));
}

#[test]
fn hostile_markup_never_reaches_the_markdown() {
    let s = site();
    let hostile = fs::read_to_string(format!("{FIXTURES}/hostile.html")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("hostile.html");
    fs::write(&input, &hostile).unwrap();
    let r = run(&options(&s, &[&input.display().to_string()]));
    assert_eq!(r.count(Outcome::Created), 1, "{r:?}");
    let text = read(&s, &r.items[0].path.display().to_string());
    let lower = text.to_lowercase();
    for bad in [
        "<script",
        "<style",
        "<iframe",
        "<form",
        "javascript:",
        "onerror",
        "onclick",
        "onload",
        "<object",
        "<embed",
        "alert(",
    ] {
        assert!(!lower.contains(bad), "{bad} survived:\n{text}");
    }
    assert!(text.contains("Real paragraph one."), "{text}");
    assert!(
        text.contains("[a safe link](https://planet.example/ok)"),
        "{text}"
    );
    // The page's hostile markup went through a real build too.
    s.build();
}

#[test]
fn angle_brackets_in_code_and_text_survive_import_and_build_as_text() {
    let s = site();
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("generics.html");
    fs::write(
        &input,
        "<!DOCTYPE html><html lang=\"en\"><head><title>Generics in practice</title>\
         <link rel=\"canonical\" href=\"https://planet.example/tech/generics\"></head><body><article>\
         <h1>Generics in practice</h1><p>Collections are generic over the type of their elements, \
         which the compiler checks for every use of them.</p>\
         <pre><code>let names: Vec&lt;String&gt; = Vec::new();</code></pre>\
         <p>Run <code>git clone &lt;repo url&gt;</code> first, then build the crate with cargo \
         as usual for any project of this kind.</p></article></body></html>",
    )
    .unwrap();
    // The real extractor, not the stub: this is about what it writes and what build shows.
    let r = run(&ImportOptions::new(
        s.root(),
        vec![input.display().to_string()],
    ));
    assert_eq!(r.count(Outcome::Created), 1, "{r:?}");
    let rel = r.items[0].path.display().to_string();
    let text = read(&s, &rel);
    assert!(text.contains("Vec<String>"), "{text}");
    assert!(text.contains("`git clone <repo url>`"), "{text}");
    s.build();
    let page = s.read("tech/generics-in-practice/index.html");
    assert!(page.contains("&lt;String&gt;"), "{page}");
    assert!(
        page.contains("<code>git clone &lt;repo url&gt;</code>"),
        "{page}"
    );
}

#[test]
fn a_folder_of_mixed_inputs_is_imported_and_failures_do_not_stop_the_run() {
    let s = site();
    let dir = tempfile::tempdir().unwrap();
    let gz = {
        use std::io::Write;
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        e.write_all(
            page(
                "Packed page",
                "https://planet.example/politics/packed",
                "<p>Gzipped text.</p>",
            )
            .as_bytes(),
        )
        .unwrap();
        e.finish().unwrap()
    };
    fs::write(dir.path().join("a.html.gz"), gz).unwrap();
    fs::write(
        dir.path().join("b.htm"),
        "<html><body>no title at all</body></html>",
    )
    .unwrap();
    fs::copy(format!("{FIXTURES}/feed.rss"), dir.path().join("c.xml")).unwrap();
    // A feed saved with a .txt name is still a feed: the content decides.
    fs::copy(format!("{FIXTURES}/feed.atom"), dir.path().join("d.txt")).unwrap();
    fs::write(dir.path().join("e.png"), "ignored").unwrap();
    // An image saved under a page's name, and a truncated gzip file.
    let png: Vec<u8> = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"
        .iter()
        .copied()
        .chain((0u8..=255).cycle().take(2000))
        .collect();
    fs::write(dir.path().join("f.html"), png).unwrap();
    fs::write(dir.path().join("g.html.gz"), b"\x1f\x8b\x08broken").unwrap();
    let r = run(&options(&s, &[&dir.path().display().to_string()]));
    let reasons: Vec<(&str, &str)> = r
        .failures
        .iter()
        .map(|f| (f.from.rsplit('/').next().unwrap(), f.reason.as_str()))
        .collect();
    assert_eq!(reasons.len(), 3, "{r:?}");
    assert_eq!(reasons[0].0, "b.htm");
    assert!(reasons[0].1.contains("no headline"), "{reasons:?}");
    assert_eq!(reasons[1].0, "f.html");
    assert!(reasons[1].1.contains("binary"), "{reasons:?}");
    assert_eq!(reasons[2].0, "g.html.gz");
    assert!(
        reasons[2].1.starts_with("broken gzip data"),
        "named once, by the report: {reasons:?}"
    );
    assert_eq!(r.count(Outcome::Created), 1 + 2 + 1, "{r:?}");
    assert!(s.root().join("content/politics/packed-page.md").exists());
    // The Atom entry is Russian: transliterated slug, language folder, `lang: ru`.
    let ru = r.items.iter().find(|i| i.from.contains("d.txt")).unwrap();
    assert_eq!(
        ru.path,
        Path::new("content/ru/world/gorod-otkryvaet-nochnye-marshruty.md")
    );
    assert_eq!(
        front(&s, "content/ru/world/gorod-otkryvaet-nochnye-marshruty.md")
            .lang
            .as_deref(),
        Some("ru")
    );
}

#[test]
fn a_feed_without_entries_is_reported_not_passed_over() {
    let s = site();
    let dir = tempfile::tempdir().unwrap();
    let feed = dir.path().join("empty.rss");
    fs::write(
        &feed,
        "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Wire</title></channel></rss>",
    )
    .unwrap();
    let r = run(&options(&s, &[&feed.display().to_string()]));
    assert_eq!(r.items.len(), 0, "{r:?}");
    assert_eq!(r.failures.len(), 1, "{r:?}");
    assert!(r.failures[0].reason.contains("no entries"), "{r:?}");
}

#[test]
fn feed_entries_and_dumps_build_into_pages_that_credit_the_original() {
    let s = site();
    s.file("site.yaml", "title: T\nbase_url: https://mirror.example/\nlanguages: {en: {name: English}, ru: {name: Русский}}\nsections: {world: {en: World, ru: Мир}, politics: {en: Politics, ru: Политика}}\n");
    let mut o = ImportOptions::new(
        s.root(),
        vec![
            format!("{FIXTURES}/feed.rss"),
            format!("{FIXTURES}/caliber-dump.txt"),
            format!("{FIXTURES}/feed.atom"),
        ],
    );
    o.write.source_url = Some("https://caliber.az/en/post/isis".into());
    // The real extractor, whatever stage it is at: feed entries carry their own metadata.
    let r = run(&o);
    assert_eq!(
        (r.count(Outcome::Created), r.failures.len()),
        (4, 0),
        "{r:?}"
    );
    s.build();
    let page = s.read("world/reuters-isis-seeks-to-regain-foothold-in-syria-and-iraq-following-assads-fall/index.html");
    assert!(
        page.contains("href=\"https://caliber.az/en/post/isis\""),
        "no backlink"
    );
    let rss_page = s.read("politics/council-approves-city-budget/index.html");
    assert!(rss_page.contains("href=\"https://planet.example/politics/council-budget\""));
    assert!(rss_page.contains("Daily Planet"));
}

#[test]
fn standard_input_and_section_override() {
    let s = site();
    let mut o = options(&s, &["-"]);
    o.stdin = Some(page("From a pipe", "https://planet.example/p", "<p>Piped.</p>").into_bytes());
    o.write.section = Some("Мир и война".into());
    let r = run(&o);
    assert_eq!(
        r.items[0].path,
        Path::new("content/mir-i-voina/from-a-pipe.md"),
        "{r:?}"
    );
    assert_eq!(
        front(&s, "content/mir-i-voina/from-a-pipe.md")
            .import
            .unwrap()
            .from,
        "-"
    );
}

#[test]
fn a_saved_page_without_its_address_reads_links_against_the_given_source_url() {
    let s = site();
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("saved.html");
    let prose = "The council met on Tuesday, voted on the budget, and sent it back to committee. ";
    let body = format!(
        "<h1>Council returns the budget</h1><p>{} See <a href=\"../votes/12\">the vote</a>.</p>",
        prose.repeat(4)
    );
    fs::write(
        &input,
        format!("<!DOCTYPE html><html lang=\"en\"><body><article>{body}</article></body></html>"),
    )
    .unwrap();
    let mut o = options(&s, &[&input.display().to_string()]);
    o.extract = newsmirror::import::extract::extract_html;
    o.write.source_url = Some("https://planet.example/2024/05/03/council/story".into());
    let r = run(&o);
    assert_eq!(r.items.len(), 1, "{r:?}");
    let text = read(&s, &r.items[0].path.display().to_string());
    assert!(
        text.contains("](https://planet.example/2024/05/03/votes/12)"),
        "{text}"
    );
    // The date in the address stands in for the one the page does not give.
    assert!(text.contains("date: 2024-05-03"), "{text}");
}
