//! Markdown → HTML with pulldown-cmark: tables, footnotes, strikethrough, task lists, smart
//! punctuation and heading anchors; fenced code highlighted by [`super::highlight`]. Root-relative
//! links get the site's base path, so content written for `/` works under a project path too.
//! While rendering it also counts words and keeps the first paragraph's text for summaries.

use std::collections::HashSet;

use pulldown_cmark::{CodeBlockKind, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use super::highlight;
use crate::html::{escape as escape_html, is_root_relative, rewrite_urls};
use crate::slug::slugify;

/// What rendering a body gives.
#[derive(Debug, Default)]
pub struct Rendered {
    /// The body as HTML.
    pub html: String,
    /// Words of prose and code, for reading time.
    pub words: usize,
    /// Plain text of the first paragraph, for a summary when the front matter has none.
    pub first_paragraph: String,
    /// The addresses of the pictures the body shows, as written (before the base path).
    pub pictures: Vec<String>,
}

/// Element ids the page around the body already uses.
const RESERVED_IDS: &[&str] = &["main", "top", "content", "search"];

/// The Markdown extensions articles are rendered with; the importer's sanitizer parses with
/// the same ones, so that it sees raw HTML exactly where the renderer will.
pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// Renders `markdown`; `base_path` (e.g. `/repo/`) is put before root-relative link targets.
pub fn render(markdown: &str, base_path: &str) -> Rendered {
    let mut walker = Walker {
        out: Rendered::default(),
        events: Vec::new(),
        ids: RESERVED_IDS.iter().map(|s| s.to_string()).collect(),
        code: None,
        heading_start: None,
        paragraph_depth: 0,
        first_done: false,
    };
    for event in Parser::new_ext(markdown, options()) {
        collect_pictures(&event, &mut walker.out.pictures);
        walker.handle(rewrite_targets(event, base_path));
    }
    let mut out = walker.out;
    out.html.reserve(markdown.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut out.html, walker.events.into_iter());
    out
}

/// The state of one pass over a body's events.
struct Walker<'a> {
    out: Rendered,
    events: Vec<Event<'a>>,
    /// Element ids taken so far on the page (the theme's, then headings').
    ids: HashSet<String>,
    /// Language and text of the fenced block being read.
    code: Option<(String, String)>,
    /// Where the heading being read starts in `events`.
    heading_start: Option<usize>,
    paragraph_depth: usize,
    /// Whether the first paragraph (for the summary) is complete.
    first_done: bool,
}

impl<'a> Walker<'a> {
    fn handle(&mut self, event: Event<'a>) {
        if self.code.is_some() || matches!(event, Event::Start(Tag::CodeBlock(_))) {
            return self.code_event(event);
        }
        self.count_text(&event);
        match event {
            Event::Start(Tag::Heading { .. }) => self.heading_start = Some(self.events.len()),
            Event::End(TagEnd::Heading(level)) => {
                if let Some(start) = self.heading_start.take() {
                    set_heading_id(&mut self.events, start, level, &mut self.ids);
                }
            }
            Event::Start(Tag::Paragraph) => self.paragraph_depth += 1,
            Event::End(TagEnd::Paragraph) => {
                self.paragraph_depth -= 1;
                self.first_done |= !self.out.first_paragraph.is_empty();
            }
            _ => {}
        }
        self.events.push(event);
    }

    /// Collects a fenced or indented code block and emits it highlighted.
    fn code_event(&mut self, event: Event<'a>) {
        match event {
            Event::Start(Tag::CodeBlock(kind)) => {
                let lang = match kind {
                    CodeBlockKind::Fenced(info) => fence_language(&info).to_string(),
                    CodeBlockKind::Indented => String::new(),
                };
                self.code = Some((lang, String::new()));
            }
            Event::End(TagEnd::CodeBlock) => {
                if let Some((lang, text)) = self.code.take() {
                    self.out.words += text.split_whitespace().count();
                    let html = code_block_html(&lang, &text);
                    self.events.push(Event::Html(html.into()));
                }
            }
            Event::Text(text) => {
                if let Some((_, code)) = self.code.as_mut() {
                    code.push_str(&text);
                }
            }
            _ => {}
        }
    }

    /// Counts words, and keeps the first paragraph's text for a summary.
    fn count_text(&mut self, event: &Event) {
        let in_first = self.paragraph_depth > 0 && !self.first_done;
        match event {
            Event::Text(text) | Event::Code(text) => {
                self.out.words += text.split_whitespace().count();
                if in_first {
                    self.out.first_paragraph.push_str(text);
                }
            }
            Event::SoftBreak if in_first => self.out.first_paragraph.push(' '),
            _ => {}
        }
    }
}

/// Records the address of a Markdown image, or of the `src` values of raw HTML.
fn collect_pictures(event: &Event, pictures: &mut Vec<String>) {
    match event {
        Event::Start(Tag::Image { dest_url, .. }) => pictures.push(dest_url.to_string()),
        Event::Html(html) | Event::InlineHtml(html) => {
            pictures.extend(crate::html::src_values(html).map(str::to_string));
        }
        _ => {}
    }
}

/// Adds the base path to root-relative link, image and raw-HTML targets, and prefixes footnote
/// labels (which become ids) so that `[^1]` or `[^main]` cannot collide with heading ids.
fn rewrite_targets<'a>(event: Event<'a>, base_path: &str) -> Event<'a> {
    match event {
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) => Event::Start(Tag::Link {
            link_type,
            dest_url: with_base_path(dest_url, base_path),
            title,
            id,
        }),
        Event::Start(Tag::Image {
            link_type,
            dest_url,
            title,
            id,
        }) => Event::Start(Tag::Image {
            link_type,
            dest_url: with_base_path(dest_url, base_path),
            title,
            id,
        }),
        Event::FootnoteReference(label) => Event::FootnoteReference(format!("fn-{label}").into()),
        Event::Start(Tag::FootnoteDefinition(label)) => {
            Event::Start(Tag::FootnoteDefinition(format!("fn-{label}").into()))
        }
        Event::Html(html) => Event::Html(html_with_base_path(html, base_path)),
        Event::InlineHtml(html) => Event::InlineHtml(html_with_base_path(html, base_path)),
        other => other,
    }
}

/// The language token of a fence's info string (`rust,ignore` → `rust`).
fn fence_language(info: &str) -> &str {
    info.split(|c: char| c == ',' || c.is_whitespace())
        .next()
        .unwrap_or("")
}

fn code_block_html(lang: &str, text: &str) -> String {
    let inner = if lang.is_empty() {
        None
    } else {
        highlight::highlight(text, lang)
    };
    let inner = inner.unwrap_or_else(|| escape_html(text));
    if lang.is_empty() {
        format!("<pre class=\"code hl-code\"><code>{inner}</code></pre>\n")
    } else {
        let lang = escape_html(lang);
        format!(
            "<pre class=\"code hl-code\" data-lang=\"{lang}\"><code class=\"language-{lang}\">{inner}</code></pre>\n"
        )
    }
}

/// Gives a heading without an explicit `{#id}` an id made from its text, unique on the page, and
/// appends a self-link so readers can copy a link to the section.
fn set_heading_id(
    events: &mut Vec<Event>,
    start: usize,
    level: HeadingLevel,
    ids: &mut HashSet<String>,
) {
    let text: String = events[start + 1..]
        .iter()
        .filter_map(|e| match e {
            Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
            _ => None,
        })
        .collect();
    let Event::Start(Tag::Heading { id, .. }) = &mut events[start] else {
        return;
    };
    let base = match id.as_deref() {
        Some(explicit) => explicit.to_string(),
        None => match slugify(&text) {
            s if s.is_empty() => format!("section-{}", level as usize),
            s => s,
        },
    };
    let mut chosen = base.clone();
    let mut n = 1;
    while ids.contains(&chosen) {
        chosen = format!("{base}-{n}");
        n += 1;
    }
    *id = Some(CowStr::from(chosen.clone()));
    ids.insert(chosen.clone());
    events.push(Event::Html(
        format!(
            " <a class=\"heading-anchor\" href=\"#{}\" aria-label=\"Link to this section\">#</a>",
            escape_html(&chosen)
        )
        .into(),
    ));
}

fn with_base_path<'a>(url: CowStr<'a>, base_path: &str) -> CowStr<'a> {
    if base_path != "/" && is_root_relative(&url) {
        CowStr::from(format!("{}{}", base_path.trim_end_matches('/'), url))
    } else {
        url
    }
}

/// Raw HTML in a body gets the base path on its root-relative `href`/`src` too.
fn html_with_base_path<'a>(html: CowStr<'a>, base_path: &str) -> CowStr<'a> {
    if base_path == "/" || !(html.contains("href=") || html.contains("src=")) {
        return html;
    }
    let prefix = base_path.trim_end_matches('/');
    CowStr::from(rewrite_urls(&html, |u| {
        is_root_relative(u).then(|| format!("{prefix}{u}"))
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extensions_are_on() {
        let md = "| a | b |\n|---|---|\n| 1 | 2 |\n\n~~gone~~\n\n- [x] done\n\n\"quoted\" text[^1]\n\n[^1]: note\n";
        let html = render(md, "/").html;
        assert!(html.contains("<table>"));
        assert!(html.contains("<del>gone</del>"));
        assert!(html.contains("type=\"checkbox\""));
        assert!(html.contains("“quoted”"));
        assert!(html.contains("footnote-definition"));
    }

    #[test]
    fn headings_get_unique_ids_and_anchors() {
        let html = render(
            "## Main point\n\n## Main point\n\n## Own {#mine}\n\n## Again {#mine}\n\n## Main\n\nA[^main].\n\n[^main]: note\n",
            "/",
        )
        .html;
        assert!(html.contains("<h2 id=\"mine-1\">"), "{html}");
        assert!(html.contains("<h2 id=\"main-1\">"), "{html}");
        assert!(html.contains("id=\"fn-main\""), "{html}");
        assert!(html.contains("href=\"#fn-main\""), "{html}");
        assert!(html.contains("<h2 id=\"main-point\">"), "{html}");
        assert!(html.contains("<h2 id=\"main-point-1\">"));
        assert!(html.contains("<h2 id=\"mine\">"));
        assert!(html.contains("href=\"#main-point\""));
    }

    #[test]
    fn code_is_highlighted_with_classes() {
        let html = render("```rust\nlet x = 1;\n```\n", "/").html;
        assert!(html.contains("data-lang=\"rust\""));
        assert!(html.contains("hl-"));
        let plain = render("```\n<b>\n```\n", "/").html;
        assert!(plain.contains("&lt;b&gt;"));
    }

    #[test]
    fn root_relative_links_get_base_path() {
        let html = render("[a](/world/x/) [b](https://e.org/) [c](//cdn/x)", "/repo/").html;
        assert!(html.contains("href=\"/repo/world/x/\""));
        assert!(html.contains("href=\"https://e.org/\""));
        assert!(html.contains("href=\"//cdn/x\""));
        let raw = render(
            "<img src=\"/i.png\">\n\nText <a href=\"/x/\">x</a>\n",
            "/repo/",
        )
        .html;
        assert!(
            raw.contains("src=\"/repo/i.png\"") && raw.contains("href=\"/repo/x/\""),
            "{raw}"
        );
    }

    #[test]
    fn words_and_first_paragraph() {
        let r = render("First *para* here\nand on.\n\nSecond one.", "/");
        assert_eq!(r.first_paragraph, "First para here and on.");
        assert_eq!(r.words, 7);
    }
}
