//! robots.txt as RFC 9309 defines it: groups of `User-agent` lines with `Allow`/`Disallow`
//! rules; the group naming our product token applies, else the `*` group; the longest matching
//! rule wins and `Allow` wins a tie; `*` matches any run of characters and `$` the end.
//! `Crawl-delay`, which many news sites set, is read too and slows the fetcher down.

use std::time::Duration;

/// The rules that apply to one user agent on one host.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Robots {
    rules: Vec<(bool, String)>,
    /// `Crawl-delay` of the applicable group.
    pub crawl_delay: Option<Duration>,
}

impl Robots {
    /// Everything allowed (no robots.txt, or a 4xx answer for it).
    pub fn allow_all() -> Robots {
        Robots::default()
    }

    /// Everything disallowed (robots.txt unreachable with a server error, as RFC 9309 asks).
    pub fn disallow_all() -> Robots {
        Robots {
            rules: vec![(false, "/".into())],
            crawl_delay: None,
        }
    }

    /// Parses a robots.txt for the product token `agent` (e.g. `newsmirror`).
    pub fn parse(text: &str, agent: &str) -> Robots {
        let agent = agent.to_ascii_lowercase();
        let mut specific = Robots::default();
        let mut generic = Robots::default();
        let (mut found_specific, mut found_generic) = (false, false);
        // The agents of the group being read, and whether the previous line was a User-agent.
        let mut agents: Vec<String> = Vec::new();
        let mut in_agent_lines = false;
        for line in text.lines() {
            let line = line.split('#').next().unwrap_or("").trim();
            let Some((key, value)) = line.split_once(':') else {
                continue;
            };
            let (key, value) = (key.trim().to_ascii_lowercase(), value.trim());
            if key == "user-agent" {
                if !in_agent_lines {
                    agents.clear();
                }
                agents.push(value.to_ascii_lowercase());
                in_agent_lines = true;
                continue;
            }
            in_agent_lines = false;
            let is_specific = agents
                .iter()
                .any(|a| a != "*" && agent.contains(a.as_str()));
            let is_generic = agents.iter().any(|a| a == "*");
            let targets = [
                (is_specific, &mut specific, &mut found_specific),
                (is_generic, &mut generic, &mut found_generic),
            ];
            for (applies, robots, found) in targets {
                if applies {
                    *found = true;
                    robots.add(&key, value);
                }
            }
        }
        if found_specific {
            specific
        } else {
            generic
        }
    }

    fn add(&mut self, key: &str, value: &str) {
        match key {
            "allow" | "disallow" if !value.is_empty() => {
                self.rules.push((key == "allow", value.to_string()));
            }
            "crawl-delay" => {
                if let Ok(secs) = value.parse::<f64>() {
                    if secs.is_finite() && secs >= 0.0 {
                        self.crawl_delay = Some(Duration::from_secs_f64(secs.min(60.0)));
                    }
                }
            }
            _ => {}
        }
    }

    /// Whether `path` (path and query of a URL) may be fetched.
    pub fn allows(&self, path: &str) -> bool {
        if path == "/robots.txt" {
            return true;
        }
        let mut best: Option<(usize, bool)> = None;
        for (allow, pattern) in &self.rules {
            if matches(pattern, path) {
                let len = pattern.len();
                let better = match best {
                    None => true,
                    Some((l, a)) => len > l || (len == l && *allow && !a),
                };
                if better {
                    best = Some((len, *allow));
                }
            }
        }
        best.is_none_or(|(_, allow)| allow)
    }
}

/// Whether a rule pattern matches the start of `path`.
fn matches(pattern: &str, path: &str) -> bool {
    let (pattern, anchored) = match pattern.strip_suffix('$') {
        Some(p) => (p, true),
        None => (pattern, false),
    };
    match_from(pattern.as_bytes(), path.as_bytes(), anchored)
}

fn match_from(pattern: &[u8], path: &[u8], anchored: bool) -> bool {
    match pattern.split_first() {
        None => !anchored || path.is_empty(),
        Some((b'*', rest)) => (0..=path.len()).any(|i| match_from(rest, &path[i..], anchored)),
        Some((c, rest)) => path
            .split_first()
            .is_some_and(|(p, path_rest)| p == c && match_from(rest, path_rest, anchored)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TXT: &str = "User-agent: *\nDisallow: /private/\nAllow: /private/open$\nCrawl-delay: 2\n\n\
                       User-agent: OtherBot\nUser-agent: newsmirror\nDisallow: /nm-only\nAllow: /nm-only/yes\n";

    #[test]
    fn our_group_wins_over_the_generic_one() {
        let r = Robots::parse(TXT, "newsmirror");
        assert!(!r.allows("/nm-only/x"));
        assert!(r.allows("/nm-only/yes/1"));
        assert!(
            r.allows("/private/x"),
            "the * group does not apply once ours exists"
        );
        assert_eq!(r.crawl_delay, None);
    }

    #[test]
    fn generic_group_with_longest_match_and_anchors() {
        let r = Robots::parse(TXT, "somebot");
        assert!(!r.allows("/private/a"));
        assert!(r.allows("/private/open"));
        assert!(!r.allows("/private/open/more"));
        assert!(r.allows("/public"));
        assert_eq!(r.crawl_delay, Some(Duration::from_secs(2)));
    }

    #[test]
    fn wildcards_and_edge_cases() {
        let r = Robots::parse(
            "User-agent: *\nDisallow: /*.pdf$\nDisallow: /*?print=\nDisallow:\n",
            "x",
        );
        assert!(!r.allows("/a/b.pdf"));
        assert!(r.allows("/a/b.pdf.html"));
        assert!(!r.allows("/story?print=1"));
        assert!(Robots::disallow_all().allows("/robots.txt"));
        assert!(!Robots::disallow_all().allows("/"));
        assert!(Robots::parse("", "x").allows("/anything"));
    }
}
