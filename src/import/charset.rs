//! Bytes to text for pages and feeds in any of the encodings news sites use. The encoding is
//! taken, in order of authority, from a byte-order mark, the HTTP `Content-Type` header, the
//! page's own `<meta charset>` / `http-equiv` or XML declaration; text that is valid UTF-8 is
//! UTF-8; anything else is guessed between windows-1251, KOI8-R (Russian pages often declare
//! nothing) and windows-1252 from where its high bytes fall. Text that was decoded wrongly
//! once before it was saved ("donâ€™t", "Ã©tÃ©") is repaired.

use encoding_rs::{Encoding, KOI8_R, UTF_8, WINDOWS_1251, WINDOWS_1252};

/// How far into a document its declaration is looked for, as browsers do.
const PRESCAN: usize = 4096;

/// Decodes `bytes`; `content_type` is the HTTP header, when there was one. Returns the text and
/// the name of the encoding used.
pub fn decode(bytes: &[u8], content_type: Option<&str>) -> (String, &'static str) {
    let encoding = Encoding::for_bom(bytes)
        .map(|(e, _)| e)
        .or_else(|| content_type.and_then(charset_param).and_then(label))
        .or_else(|| declared(bytes))
        .unwrap_or_else(|| sniff(bytes));
    // `decode` strips a BOM and replaces malformed sequences instead of failing.
    let (text, used, _) = encoding.decode(bytes);
    (text.into_owned(), used.name())
}

/// `text/html; charset=windows-1251` → `windows-1251`.
fn charset_param(header: &str) -> Option<&str> {
    header.split(';').skip(1).find_map(|part| {
        let (key, value) = part.split_once('=')?;
        key.trim()
            .eq_ignore_ascii_case("charset")
            .then(|| value.trim().trim_matches(['"', '\'']))
    })
}

fn label(name: &str) -> Option<&'static Encoding> {
    // A page declaring UTF-16 in ASCII is not UTF-16; `output_encoding` maps it to UTF-8 as
    // browsers do.
    Encoding::for_label(name.trim().as_bytes()).map(Encoding::output_encoding)
}

/// The encoding a document declares in its first bytes: `<meta charset=…>`,
/// `<meta http-equiv="Content-Type" content="…; charset=…">` or `<?xml … encoding="…"?>`.
fn declared(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(PRESCAN)];
    // Declarations are ASCII in every encoding we read, so a lossy view is enough to find them.
    let text = String::from_utf8_lossy(head).to_ascii_lowercase();
    if text.starts_with("<?xml") {
        let decl = &text[..text.find("?>").unwrap_or(text.len())];
        if let Some(at) = decl.find("encoding") {
            return quoted_value(&decl[at + "encoding".len()..]).and_then(label);
        }
    }
    let mut rest = text.as_str();
    while let Some(at) = rest.find("<meta") {
        let tag_end = rest[at..].find('>').map_or(rest.len(), |e| at + e);
        let tag = &rest[at..tag_end];
        if let Some(c) = tag.find("charset") {
            let after = tag[c + "charset".len()..].trim_start();
            if let Some(value) = after.strip_prefix('=') {
                let value = value.trim_start().trim_start_matches(['"', '\'']);
                let end = value
                    .find(|ch: char| {
                        ch == '"' || ch == '\'' || ch == ';' || ch.is_whitespace() || ch == '/'
                    })
                    .unwrap_or(value.len());
                if let Some(encoding) = label(&value[..end]) {
                    return Some(encoding);
                }
            }
        }
        rest = &rest[tag_end..];
    }
    None
}

/// `= "value"` → `value`.
fn quoted_value(text: &str) -> Option<&str> {
    let text = text.trim_start().strip_prefix('=')?.trim_start();
    let quote = text.chars().next().filter(|c| *c == '"' || *c == '\'')?;
    let inner = &text[1..];
    inner.find(quote).map(|end| &inner[..end])
}

/// No declaration: UTF-8 if valid; else, when most letters are high bytes (Cyrillic text has
/// almost no ASCII letters, Western text only a few accented ones), a Cyrillic code page, else
/// windows-1252. In windows-1251 lowercase letters are 0xE0–0xFF and uppercase 0xC0–0xDF; in
/// KOI8-R it is the other way round, and running text is mostly lowercase.
fn sniff(bytes: &[u8]) -> &'static Encoding {
    if std::str::from_utf8(bytes).is_ok() {
        return UTF_8;
    }
    let (mut upper_half, mut lower_half, mut ascii_letters) = (0usize, 0usize, 0usize);
    // Markup is ASCII whatever the language: count only text outside tags.
    let mut in_tag = false;
    for &b in bytes {
        match b {
            b'<' => in_tag = true,
            b'>' => in_tag = false,
            _ if in_tag => {}
            0xE0..=0xFF => upper_half += 1,
            0xC0..=0xDF => lower_half += 1,
            b if b.is_ascii_alphabetic() => ascii_letters += 1,
            _ => {}
        }
    }
    let high = upper_half + lower_half;
    if high < ascii_letters {
        WINDOWS_1252
    } else if upper_half >= lower_half {
        WINDOWS_1251
    } else {
        KOI8_R
    }
}

/// Repairs mojibake: UTF-8 text that a server or CMS once read as windows-1252 or Latin-1 and
/// saved again as UTF-8, so that "’" became "â€™" and "é" became "Ã©". Each run of non-ASCII
/// characters that maps back to bytes in windows-1252 (Latin-1 for the C1 controls) and whose
/// bytes are valid UTF-8 is replaced by what they spell. Genuine text never does that: a real
/// accented letter stands next to ASCII letters, and curly quotes alone are not valid UTF-8.
/// Returns the text unchanged, without copying, when no run needs repair.
pub fn repair_mojibake(text: &str) -> std::borrow::Cow<'_, str> {
    let bytes = text.as_bytes();
    let mut out: Option<String> = None;
    let mut copied = 0;
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] < 0x80 {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && bytes[i] >= 0x80 {
            i += 1;
        }
        // ASCII bytes are character boundaries, so the run is a whole `str`.
        if let Some(fixed) = spelled_utf8(&text[start..i]) {
            let buf = out.get_or_insert_with(|| String::with_capacity(text.len()));
            buf.push_str(&text[copied..start]);
            buf.push_str(&fixed);
            copied = i;
        }
    }
    match out {
        Some(mut buf) => {
            buf.push_str(&text[copied..]);
            std::borrow::Cow::Owned(buf)
        }
        None => std::borrow::Cow::Borrowed(text),
    }
}

/// What a run of non-ASCII characters spells when its characters are taken as the single
/// bytes windows-1252 or Latin-1 gives them and those bytes are read as UTF-8.
fn spelled_utf8(run: &str) -> Option<String> {
    // A lone character is never two bytes of one UTF-8 sequence.
    run.chars().nth(1)?;
    let mut raw = Vec::with_capacity(run.len());
    for c in run.chars() {
        raw.push(single_byte(c)?);
    }
    String::from_utf8(raw).ok()
}

/// The byte a character has in windows-1252, or in Latin-1 for the C1 controls it leaves out.
fn single_byte(c: char) -> Option<u8> {
    if let Ok(b) = u8::try_from(u32::from(c)) {
        return Some(b);
    }
    let mut buf = [0u8; 4];
    let (bytes, _, unmappable) = WINDOWS_1252.encode(c.encode_utf8(&mut buf));
    match (unmappable, bytes.as_ref()) {
        (false, [b]) => Some(*b),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const RUSSIAN: &str = "Новости экономики: курс рубля и цены на нефть";

    #[test]
    fn header_wins_over_meta() {
        let (bytes, _, _) = WINDOWS_1251.encode(RUSSIAN);
        let page = [b"<meta charset=\"koi8-r\">".as_slice(), &bytes].concat();
        let (text, used) = decode(&page, Some("text/html; charset=Windows-1251"));
        assert!(text.contains(RUSSIAN), "{text}");
        assert_eq!(used, "windows-1251");
    }

    #[test]
    fn meta_charset_and_http_equiv() {
        let (bytes, _, _) = KOI8_R.encode(RUSSIAN);
        let page = [
            b"<html><head><meta charset=koi8-r></head><body>".as_slice(),
            &bytes,
        ]
        .concat();
        assert_eq!(decode(&page, None).1, "KOI8-R");
        assert!(decode(&page, Some("text/html")).0.contains(RUSSIAN));
        let equiv = [
            b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1251\">"
                .as_slice(),
            &WINDOWS_1251.encode(RUSSIAN).0,
        ]
        .concat();
        assert!(decode(&equiv, None).0.contains(RUSSIAN));
    }

    #[test]
    fn xml_declaration_and_bom() {
        let (bytes, _, _) = WINDOWS_1251.encode(RUSSIAN);
        let xml = [
            b"<?xml version=\"1.0\" encoding=\"windows-1251\"?><rss>".as_slice(),
            &bytes,
        ]
        .concat();
        assert!(decode(&xml, None).0.contains(RUSSIAN));
        let bom = [b"\xEF\xBB\xBF".as_slice(), RUSSIAN.as_bytes()].concat();
        assert_eq!(decode(&bom, Some("text/html; charset=koi8-r")).0, RUSSIAN);
    }

    #[test]
    fn undeclared_cyrillic_is_guessed() {
        let (cp1251, _, _) = WINDOWS_1251.encode(RUSSIAN);
        assert_eq!(decode(&cp1251, None).0, RUSSIAN);
        let (koi8, _, _) = KOI8_R.encode(RUSSIAN);
        assert_eq!(decode(&koi8, None).0, RUSSIAN);
        assert_eq!(decode("café".as_bytes(), None).0, "café");
        assert_eq!(decode(b"caf\xe9 cr\xe8me \xa9", None).1, "windows-1252");
        let page = [
            b"<html><body><div class=\"article-text\">".as_slice(),
            &cp1251,
        ]
        .concat();
        assert_eq!(decode(&page, None).1, "windows-1251");
    }

    #[test]
    fn mojibake_is_repaired_and_real_text_is_left_alone() {
        assert_eq!(repair_mojibake("donâ€™t"), "don’t");
        assert_eq!(repair_mojibake("Ã©tÃ© Ã\u{a0} Paris"), "été à Paris");
        // Read as Latin-1 rather than windows-1252: the quote's bytes became C1 controls.
        assert_eq!(
            repair_mojibake("\u{e2}\u{80}\u{9c}Yes\u{e2}\u{80}\u{9d}"),
            "“Yes”"
        );
        assert_eq!(repair_mojibake("ÐœÐ¾Ñ\u{81}ÐºÐ²Ð°"), "Москва");
        for real in [
            "déjà vu, naïve café",
            "“Quoted” — and ‘single’…",
            "Straße, Ñandú, Ærø",
            "Москва, 12 июня",
            "50 °C ± 2, 3 × 4 ½",
            "plain ASCII",
        ] {
            assert!(
                matches!(repair_mojibake(real), std::borrow::Cow::Borrowed(_)),
                "{real}"
            );
        }
    }
}
