//! The words of site furniture: the short lines (share prompts, "Advertisement", view counters,
//! datelines, sign-up calls) and the section headings ("Related stories", "Читайте также")
//! that give leftover chrome away in the block filter, whatever element they sat in.

use std::sync::LazyLock;

use regex::Regex;

/// Short lines that are page furniture whatever element they sit in.
static FURNITURE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?isx)^\W*(
        advertisements?|advertising|advert|ads?|sponsored(\ content)?|promoted|
        share(\ this)?(\ (article|story|post|page))?(\ on\ \w+)?|share\ via.*|
        (follow|like)\ us\ on.*|sign\ up\ (for|to)\ .*|subscribe(\ to|\ now|\ for).*|
        related(\ (articles?|stories|posts|content|news|coverage))?|
        (read|see)\ (more|also|next)\b.{0,100}|related\ ?:.{0,120}|more\ from\ .{0,60}|recommended(\ for\ you)?|
        click\ here\ to\ .*|(photo|image|picture|video)\s?(credit)?:.{0,80}|
        loading\.*|please\ wait\.*|comments?|\d+\ comments?|leave\ a\ (comment|reply)|
        tags?:.*|topics?:.*|filed\ under:?.*|
        (skip|jump)\ to\ (main\ )?content|back\ to\ top|print(\ this)?(\ article)?|email|
        (this|the)\ (article|post|story|page|entry)\ (is|was)\ (more\ than|over).{0,40}\ old\b.{0,120}|
        caption|image\ caption|(show|hide)\ caption|close|
        ((facebook|twitter|x|e-?mail|linkedin|pinterest|whatsapp|reddit|telegram|messenger|
          flipboard|threads|bluesky|print|sms|copy(\ link)?|share)\W*){2,}|(image|photo|picture)\ \d+\ (of|/)\ \d+|
        (image|photo)\ (copyright|courtesy|source)\b.{0,60}|(don'?t|do\ not)\ miss|
        explore\ further|this\ (slideshow|video|content)\ requires\ javascript.{0,40}|
        comments\ are\ (closed|disabled)|advertisement\W+(page|story|article)\ continues\ below|
        best\ prices?\ today|(photo\ |image\ )?courtesy\ of\ .{1,60}|(photo\ |image\ )?credits?:.{1,80}|(table\ of\ )?contents|on\ this\ page|
        jump\ to(\ section)?|you\ (may|might)(\ also)?\ (like|enjoy)|
        (visited|viewed)\ [\d,]+\ times?(,\ [\d,]+\ visits?\ today)?|views?:?\ [\d,.]+k?|[\d,.]+k?\ views|
        latest\ posts\ by\ .{1,60}|republish\ (this|our)\ (article|story|articles|stories)\b.{0,120}|
        is\ this\ email\ not\ displaying\ correctly\??.{0,40}|view\ (it|this\ email)\ in\ your\ browser|
        already\ have\ an\ account\??.{0,30}|be\ the\ first\ to\ know|
        to\ read\ the\ rest\ of\ this\ (story|article),?\ subscribe.{0,40}|
        add\ .{0,25}\ as\ a\ (reliable\ and\ trusted|preferred)\ (news\ )?source|
        we\ are\ sorry\ that\ this\ post\ was\ not\ useful\ for\ you|let\ us\ improve\ this\ post|
        tell\ us\ how\ we\ can\ improve\ this\ post|click\ on\ a\ star\ to\ rate\ it|
        no\ votes\ so\ far.{0,40}|how\ useful\ was\ this\ post|submit\ rating|
        posted\ by|posted\ on(\ posted\ by)?|in\ partnership\ with|(written|reviewed|edited)\ by|
        in\ this\ article|
        (medically\ )?(reviewed|fact[-\ ]checked|edited)\ by\ .{2,60}|posted\ by\ .{2,40}\ (at|on)\ .{4,40}|
        (hide|show|expand|collapse)\ all|no\ credit\ card\ required|
        (image|photo|picture)s?\ used\ under\ licen[cs]e\ from\ .{1,60}
        )\W*$",
    )
    .expect("valid regex")
});

/// Calls to action and contact lines that give a short block away as chrome wherever they sit.
static PROMPTS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)((our|free|weekly|daily|e-?mail) newsletters?\b|newsletter (sign ?up|subscription)|newsletter\b.{0,80}\b(inbox|sign up|subscribe)\b|join (our|the|my) .{0,40}(newsletter|mailing list)|unlock this (article|story)|^\W*(sign up|subscribe) (now|for|to|today)\b|(sign up|subscribe) (for|to) (our|my) .{0,30}(newsletter|mailing list|emails?)\b|follow (us|him|her|them) on|(may|can) be reached at|all rights reserved|get the latest .{0,40} inbox|join the conversation|(log ?in|sign ?in) or register to|download (our|the) app|©|follow .{0,40} on (twitter|facebook|instagram|youtube|linkedin|tiktok|x)\b|support (our|independent) (journalism|reporting|newsroom|mission)\b|(stories|journalism|reporting) like (this|the one you just).{0,60}(pitch(ing)? in|donat|support|contribut)|^\W*support [\w ]{1,30}! donate\b)",
    )
    .expect("valid regex")
});

/// A dateline or reading time left in the body ("Updated on October 21, 2025", "Published
/// November 20th, 2019 - 07:29 GMT", "3 min read", a date on a line of its own): the front
/// matter holds the dates.
static DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)^\W*(
        ((last\ )?(updated|published|posted|modified|reviewed)(\ on|\ at)?:?\s*
         (\d{1,2}:\d{2}|\d{1,4}[./-]\d{1,2}|(\w+,?\ )?(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\ \d|\d{1,2}(st|nd|rd|th)?\ (jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec))
         [\w\ ,.:/+-]{0,40})|
        (.{0,40}[•|·]\ *)?\d+\ *(min|mins|minutes?)\.?\ +(read|reading)(\ time)?|
        (reading\ time|read\ time):?\ *\d+\ *(min|mins|minutes?)|
        (\w+day,?\ )?((jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\ \d{1,2}(st|nd|rd|th)?,?\ \d{4}|
         \d{1,2}(st|nd|rd|th)?\ (jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?,?\ \d{4})
        )\W*$",
    )
    .expect("valid regex")
});

/// The footer feed readers add to a syndicated post ("The post … appeared first on …").
static FEED_FOOTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\W*the post .{1,250} appeared first on .{1,80}$").expect("valid regex")
});

/// The consent line under a sign-up or contact form ("By signing up, you agree to receive
/// …"); it can run to a few sentences, so it has its own, longer, limit.
static CONSENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^by (signing up|subscribing|clicking|submitting|entering|providing|registering|creating an account)\b.{0,240}\b(agree|consent|acknowledge|confirm)",
    )
    .expect("valid regex")
});

/// Headings of the sections that follow an article: author boxes, disclaimers, related links.
static END_SECTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^\W*(about the (author|authors|reviewer|writer|expert)s?|author bio|meet the (author|expert)s?|disclaimer|related( (posts?|articles?|stories|reading|content|guides|resources)( on .{1,40})?)?|read this next|more like this|keep reading|what to read next|stay in the loop|you (may|might) also (like|enjoy)|more (from|on|stories|articles)\b.*|recommended( for you| reading)?|leave a (reply|comment)|\d* ?comments?|share this( article| post| story)?|further reading|read (next|more)|popular( posts)?|most (popular|read|viewed)|trending( now| stories)?|top stories|editor'?s picks|latest (posts|news|articles)|recent posts|subscribe\b.*|sign up\b.*|newsletter|join our newsletter)\W*$",
    )
    .expect("valid regex")
});

/// End-section headings of teaser boxes (as opposed to author boxes and disclaimers).
static TEASER_BOX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\W*(related|recommended|you (may|might) also|more (from|on|stories|articles)|read (next|more)|popular|latest|recent)\b")
        .expect("valid regex")
});

/// A sentence that introduces further reading ("If you liked this post you might also like:"),
/// so the list of links after it is a teaser box, not part of the story.
static READING_INTRO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b((may|might) also (like|enjoy|be interested)|related (articles?|posts?|stories|reading|content|guides|resources)|further reading|recommended (reading|articles|posts|stories)|(more|other) (articles|posts|stories|guides) (you|from|on|about|like)|(found|find) the following|(read|see) (more|also|next)\b)",
    )
    .expect("valid regex")
});

/// Whether a sentence announces further reading rather than a list that is part of the story.
pub(super) fn introduces_reading(plain: &str) -> bool {
    READING_INTRO.is_match(plain)
}

/// Whether a short block's visible text (`chars` non-space characters) is furniture: a line
/// of its own kind, a dateline, a call to action or a form's consent line.
pub(crate) fn is_furniture(plain: &str, chars: u32) -> bool {
    is_furniture_label(plain, chars)
        || (chars < 200 && PROMPTS.is_match(plain))
        || CONSENT.is_match(plain)
        || (chars < 400 && FEED_FOOTER.is_match(plain))
        || is_filler_text(plain)
}

/// A template's filler text ("Lorem ipsum dolor sit amet, consectetur…") left in a page: it
/// stands where a site forgot to write something, and is never the article. A paragraph that
/// only quotes it among words of its own does not start with it.
fn is_filler_text(plain: &str) -> bool {
    plain
        .get(..26)
        .is_some_and(|start| start.eq_ignore_ascii_case("lorem ipsum dolor sit amet"))
}

/// Whether a short line is furniture by its whole shape ("Image 1 of 23", "16 min read",
/// "Related: …"), as opposed to a call to action found inside it: a headline may well name a
/// newsletter, never is it a reading time.
pub(crate) fn is_furniture_label(plain: &str, chars: u32) -> bool {
    (chars < 160 && FURNITURE.is_match(plain)) || (chars < 70 && DATELINE.is_match(plain))
}

/// Whether a heading opens a section that follows the article, and if so whether that section
/// is a teaser box (which the story's own prose may follow) rather than an author box.
pub(super) fn end_section(heading: &str) -> Option<bool> {
    if super::block_headings::is_block_heading(heading) {
        Some(true)
    } else if END_SECTION.is_match(heading) {
        Some(TEASER_BOX.is_match(heading))
    } else {
        None
    }
}

/// A paragraph that is a JSON object or array (`{"layoutMobile":2,…}`): a widget's settings
/// left in the page's text, never prose. Code blocks are not looked at.
pub(super) fn is_data_blob(md: &str) -> bool {
    let t = md.trim();
    let opens = t.starts_with("{\"") || t.starts_with("\\[{\"") || t.starts_with("[{\"");
    let closes = t.ends_with('}') || t.ends_with(']');
    opens && closes && t.matches("\":").count() >= 3
}

/// A paragraph that is a template tag or shortcode the site never rendered
/// (`{{hire-ai-eng="/banners/hire"}}`, `[convertkit form=1630175]`): a form, banner or player
/// that did not load, not words of the story.
pub(super) fn is_placeholder(plain: &str) -> bool {
    static PLACEHOLDER: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"^(\{\{[^{}]*\}\}|\{%[^%]*%\}|\[[a-z][a-z0-9_-]{2,}(\s+[a-z0-9_-]+\s*=\s*[^\s\]][^\]]*)+\])$",
        )
        .expect("valid regex")
    });
    PLACEHOLDER.is_match(plain.trim())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn end_sections_say_whether_they_are_teaser_boxes() {
        assert_eq!(end_section("Related stories"), Some(true));
        for heading in [
            "Digər xəbərlər",
            "Читайте також:",
            "Ամենաընթերցված",
            "Другие новости",
        ] {
            assert_eq!(end_section(heading), Some(true), "{heading}");
        }
        assert_eq!(end_section("Читайте также:"), Some(true));
        assert_eq!(end_section("About the author"), Some(false));
        assert_eq!(end_section("What happens next"), None);
    }

    #[test]
    fn furniture_lines_have_length_limits() {
        assert!(is_furniture("Updated on October 21, 2025", 23));
        // The same words at paragraph length are prose that starts with a date.
        assert!(!is_furniture("Updated on October 21, 2025", 90));
        assert!(is_data_blob(r#"{"a":1,"b":2,"c":{"d":3}}"#));
        assert!(!is_data_blob(r#"{"a":1} is how the setting looks"#));
        assert!(introduces_reading(
            "If you liked this post you might also like:"
        ));
        assert!(introduces_reading(
            "Other people found the following pages helpful:"
        ));
        assert!(!introduces_reading("Many patches were sent for review:"));
    }

    #[test]
    fn widget_lines_are_furniture() {
        for line in [
            "Latest posts by Autumn Adams (see all)",
            "Republish our articles for free, online or in print, under a Creative Commons license.",
            "Is this email not displaying correctly?View it in your browser.",
            "Already have an account? Log in",
            "To read the rest of this story subscribe to STAT+.",
            "We are sorry that this post was not useful for you!",
            "Tell us how we can improve this post?",
            "Be the first to know!",
            "Advertising",
            "Support CNX Software! Donate via cryptocurrencies, become a Patron on Patreon",
            "Support our mission to keep content open and free by engaging with our community.",
            "If you believe stories like the one you just finished matter, please consider \
             pitching in what you can.",
        ] {
            assert!(is_furniture(line, line.len() as u32), "{line}");
        }
        // A story about giving is no appeal to support the outlet.
        let giving = "Volunteers asked residents to support the food bank's mission this winter.";
        assert!(!is_furniture(giving, giving.len() as u32));
        assert!(is_placeholder(
            r#"{{hire-ai-eng="/case-banners/hire-ai-eng"}}"#
        ));
        assert!(is_placeholder("[convertkit form=1630175]"));
        assert!(!is_placeholder("[laughs]"));
        let story = "The first to know about the leak was a night guard at the plant.";
        assert!(!is_furniture(story, story.len() as u32));
        let filler = "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod \
                      tempor incididunt ut labore et dolore magna aliqua. Ut enim ad minim veniam.";
        assert!(is_furniture(filler, filler.len() as u32));
        let about = "Designers call it lorem ipsum: Latin-like filler that stands in for copy.";
        assert!(!is_furniture(about, about.len() as u32));
    }

    #[test]
    fn bylines_datelines_and_feed_footers_left_in_the_text_are_furniture() {
        for line in [
            "Posted By",
            "Edited By",
            "IN THIS ARTICLE",
            "You might like",
            "reviewed by Jo-ann Caballes",
            "Posted by David at December 16, 2025 11:15 AM",
            "This post is over 3 years old. I've probably changed my mind since it was written.",
            "SMS Facebook Twitter Email",
            "Image used under license from Shutterstock",
            "Last reviewed January 2023",
            "Tuesday, February 11, 2025",
            "15 Dec, 2025",
            "The post AI-Powered SEO: How AI Is Changing Search appeared first on SEO Services.",
        ] {
            assert!(is_furniture(line, line.len() as u32), "{line}");
        }
        let story =
            "Reviewed by the board on March 3, 2025, the plan was sent back to the council.";
        assert!(!is_furniture(story, story.len() as u32));
    }
}
