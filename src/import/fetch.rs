//! Fetching pages and feeds over HTTP(S) as a polite client: an identifying User-Agent,
//! robots.txt honoured (per host, for every redirect hop), a minimum interval between requests to
//! one host (raised to the site's `Crawl-delay`), timeouts, retries with exponential backoff on
//! 429, 5xx and network errors (honouring `Retry-After`), and redirects followed by hand so that
//! each hop is checked against its own host's robots.txt.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};

use super::robots::Robots;

/// The project's address in the User-Agent, so site owners can find out who is fetching.
const PROJECT_URL: &str = match option_env!("CARGO_PKG_REPOSITORY") {
    Some(url) if !url.is_empty() => url,
    _ => "https://github.com/newsmirror/newsmirror",
};

/// Redirect hops followed before giving up.
const MAX_REDIRECTS: usize = 10;

/// Longest wait a `Retry-After` header can ask for.
const MAX_RETRY_AFTER: Duration = Duration::from_secs(120);

/// How the fetcher behaves; [`FetchConfig::default`] is what the command line uses.
#[derive(Debug, Clone)]
pub struct FetchConfig {
    /// Sent with every request.
    pub user_agent: String,
    /// The product token matched against robots.txt groups.
    pub robots_agent: String,
    /// Minimum time between two requests to the same host.
    pub delay: Duration,
    /// Limit for one request, body included.
    pub timeout: Duration,
    /// Further attempts after a 429, a 5xx or a network error.
    pub retries: u32,
    /// Wait before the first retry; doubled for each further one.
    pub backoff: Duration,
    /// Largest body read, in bytes.
    pub max_bytes: u64,
}

impl Default for FetchConfig {
    fn default() -> FetchConfig {
        FetchConfig {
            user_agent: format!("newsmirror/{} (+{PROJECT_URL})", env!("CARGO_PKG_VERSION")),
            robots_agent: "newsmirror".into(),
            delay: Duration::from_secs(1),
            timeout: Duration::from_secs(30),
            retries: 3,
            backoff: Duration::from_secs(2),
            max_bytes: 20 * 1024 * 1024,
        }
    }
}

/// A fetched document.
#[derive(Debug, Clone)]
pub struct Fetched {
    /// The address it was finally served from, after redirects.
    pub url: url::Url,
    /// The `Content-Type` header.
    pub content_type: Option<String>,
    /// The body, decompressed but not decoded.
    pub bytes: Vec<u8>,
}

/// One HTTP answer before interpretation.
struct Answer {
    status: u16,
    content_type: Option<String>,
    location: Option<String>,
    retry_after: Option<Duration>,
    bytes: Vec<u8>,
}

/// A polite HTTP client; keeps robots.txt and request times per host for its lifetime.
pub struct Fetcher {
    agent: ureq::Agent,
    config: FetchConfig,
    /// robots.txt per host, or why the host could not be reached for it.
    robots: HashMap<String, Result<Robots, String>>,
    last_request: HashMap<String, Instant>,
}

impl Fetcher {
    /// A fetcher with the given behaviour.
    pub fn new(config: FetchConfig) -> Fetcher {
        let agent = ureq::Agent::config_builder()
            .user_agent(config.user_agent.as_str())
            .accept("text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,application/xml;q=0.9,*/*;q=0.8")
            .http_status_as_error(false)
            .max_redirects(0)
            .timeout_global(Some(config.timeout))
            .timeout_connect(Some(config.timeout.min(Duration::from_secs(10))))
            .build()
            .into();
        Fetcher {
            agent,
            config,
            robots: HashMap::new(),
            last_request: HashMap::new(),
        }
    }

    /// GETs `url`, following redirects; fails on robots.txt refusal, HTTP errors after retries,
    /// and network errors.
    pub fn get(&mut self, url: &url::Url) -> Result<Fetched> {
        let mut current = url.clone();
        for _ in 0..=MAX_REDIRECTS {
            if !matches!(current.scheme(), "http" | "https") {
                bail!("{current}: only http and https URLs can be fetched");
            }
            if !self.allowed(&current)? {
                bail!(
                    "{current}: robots.txt of {} does not allow fetching it",
                    host_key(&current)
                );
            }
            let answer = self.with_retries(&current)?;
            match (answer.status, &answer.location) {
                (301 | 302 | 303 | 307 | 308, Some(location)) => {
                    current = current
                        .join(location)
                        .with_context(|| format!("{current}: bad redirect to {location}"))?;
                }
                (200..=299, _) => {
                    return Ok(Fetched {
                        url: current,
                        content_type: answer.content_type,
                        bytes: answer.bytes,
                    })
                }
                (status, _) => bail!("{current}: HTTP {status}"),
            }
        }
        bail!("{url}: more than {MAX_REDIRECTS} redirects")
    }

    /// Whether robots.txt of the URL's host lets us fetch it; reads robots.txt once per host.
    fn allowed(&mut self, url: &url::Url) -> Result<bool> {
        let key = host_key(url);
        if !self.robots.contains_key(&key) {
            let robots = self.read_robots(url);
            if let Ok(Some(delay)) = robots.as_ref().map(|r| r.crawl_delay) {
                self.config.delay = self.config.delay.max(delay.min(Duration::from_secs(30)));
            }
            self.robots.insert(key.clone(), robots);
        }
        let path = match url.query() {
            Some(q) => format!("{}?{q}", url.path()),
            None => url.path().to_string(),
        };
        match &self.robots[&key] {
            Ok(robots) => Ok(robots.allows(&path)),
            Err(why) => bail!(
                "{url}: cannot reach {key} ({why}); check the address and the network connection"
            ),
        }
    }

    /// RFC 9309: a 4xx answer means no rules; a 5xx answer means stay away. No answer at all
    /// is an error: the host is unreachable, and saying so beats blaming robots.txt.
    fn read_robots(&mut self, url: &url::Url) -> Result<Robots, String> {
        let Ok(mut at) = url.join("/robots.txt") else {
            return Ok(Robots::allow_all());
        };
        for _ in 0..5 {
            let answer = match self.with_retries(&at) {
                Ok(answer) => answer,
                Err(e) => return Err(e.root_cause().to_string()),
            };
            match (answer.status, answer.location) {
                (300..=399, Some(location)) => match at.join(&location) {
                    Ok(next) => at = next,
                    Err(_) => return Ok(Robots::allow_all()),
                },
                (200..=299, _) => {
                    let text = String::from_utf8_lossy(&answer.bytes);
                    return Ok(Robots::parse(&text, &self.config.robots_agent));
                }
                (400..=499, _) => return Ok(Robots::allow_all()),
                _ => return Ok(Robots::disallow_all()),
            }
        }
        Ok(Robots::allow_all())
    }

    /// One request, repeated with growing waits while the answer is 429/5xx or the network fails.
    fn with_retries(&mut self, url: &url::Url) -> Result<Answer> {
        let mut wait = self.config.backoff;
        let mut attempt = 0;
        loop {
            self.pace(url);
            let result = self.once(url);
            let retry = match &result {
                Ok(a) if a.status == 429 || (500..=599).contains(&a.status) => {
                    Some(a.retry_after.unwrap_or(wait).min(MAX_RETRY_AFTER))
                }
                Err(e) if transient(e) => Some(wait),
                _ => None,
            };
            match retry {
                Some(pause) if attempt < self.config.retries => {
                    std::thread::sleep(pause);
                    wait *= 2;
                    attempt += 1;
                }
                _ => return result.with_context(|| format!("cannot fetch {url}")),
            }
        }
    }

    /// Sleeps until the host's minimum interval has passed since its last request.
    fn pace(&mut self, url: &url::Url) {
        let key = host_key(url);
        if let Some(last) = self.last_request.get(&key) {
            let next = *last + self.config.delay;
            let now = Instant::now();
            if next > now {
                std::thread::sleep(next - now);
            }
        }
        self.last_request.insert(key, Instant::now());
    }

    fn once(&self, url: &url::Url) -> Result<Answer, ureq::Error> {
        let mut response = self.agent.get(url.as_str()).call()?;
        let header = |name: &str| {
            response
                .headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_string)
        };
        let content_type = header("content-type");
        let location = header("location");
        let retry_after = header("retry-after")
            .and_then(|v| v.trim().parse::<u64>().ok())
            .map(Duration::from_secs);
        let status = response.status().as_u16();
        let bytes = response
            .body_mut()
            .with_config()
            .limit(self.config.max_bytes)
            .read_to_vec()?;
        Ok(Answer {
            status,
            content_type,
            location,
            retry_after,
            bytes,
        })
    }
}

/// Network failures worth another try: timeouts, dropped or refused connections.
fn transient(error: &ureq::Error) -> bool {
    matches!(
        error,
        ureq::Error::Timeout(_) | ureq::Error::Io(_) | ureq::Error::ConnectionFailed
    )
}

/// `scheme://host:port`, the unit robots.txt and the rate limit apply to.
fn host_key(url: &url::Url) -> String {
    format!(
        "{}://{}:{}",
        url.scheme(),
        url.host_str().unwrap_or(""),
        url.port_or_known_default().unwrap_or(0)
    )
}

/// Parses a command-line input as a web address, if it is one.
pub fn as_web_url(input: &str) -> Option<url::Url> {
    let lower = input.to_ascii_lowercase();
    if !(lower.starts_with("http://") || lower.starts_with("https://")) {
        return None;
    }
    url::Url::parse(input).ok()
}

/// A short reason for a failed fetch, for the report.
pub fn reason(error: &anyhow::Error) -> String {
    let chain: Vec<String> = error.chain().map(|e| e.to_string()).collect();
    chain.join(": ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_agent_names_the_tool_its_version_and_where_to_read_about_it() {
        let ua = FetchConfig::default().user_agent;
        assert!(
            ua.starts_with(&format!("newsmirror/{} (+http", env!("CARGO_PKG_VERSION"))),
            "{ua}"
        );
    }

    #[test]
    fn hosts_and_web_urls() {
        let u = url::Url::parse("https://e.org/a").unwrap();
        assert_eq!(host_key(&u), "https://e.org:443");
        assert!(as_web_url("HTTPS://e.org/x").is_some());
        assert!(as_web_url("file.html").is_none());
        assert!(as_web_url("ftp://e.org/").is_none());
        let e = anyhow::anyhow!("inner").context("outer");
        assert_eq!(reason(&e), "outer: inner");
    }
}
