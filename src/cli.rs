//! Command-line definitions (clap). Each command maps to one library call in `main.rs`.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

/// Mirror news articles as a fast static site that always credits the original.
#[derive(Debug, Parser)]
#[command(name = "newsmirror", version, about, long_about = None)]
pub struct Cli {
    /// The command to run.
    #[command(subcommand)]
    pub command: Command,
}

/// newsmirror's commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create a new site: site.yaml, content/ and a sample article.
    Init {
        /// Folder for the new site (created if missing).
        #[arg(default_value = ".")]
        dir: PathBuf,
        /// Also write .github/workflows/pages.yml to publish on GitHub Pages.
        #[arg(long)]
        github_pages: bool,
        /// Git repository holding newsmirror's source, for the workflow to install it from.
        #[arg(long, value_name = "URL")]
        newsmirror_git: Option<String>,
    },
    /// Write deployment settings for an existing site.
    DeployConfig {
        /// Where to publish.
        #[arg(value_enum)]
        target: DeployTarget,
        /// The site's folder.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Git repository holding newsmirror's source, for the workflow to install it from.
        #[arg(long, value_name = "URL")]
        newsmirror_git: Option<String>,
        /// Replace an existing workflow.
        #[arg(long)]
        force: bool,
    },
    /// Import articles from saved pages, page-text dumps, feeds or URLs into content/.
    Import(ImportArgs),
    /// Build the site into public/ (replaced only if the whole build succeeds).
    Build(BuildArgs),
    /// Check content, templates, attribution and internal links without writing anything.
    Check(SiteArgs),
    /// Pack the site for reading offline: links made relative so it opens from disk.
    Bundle(BundleArgs),
    /// Preview the site on http://127.0.0.1:1111/, rebuilding and reloading on every change.
    Serve(ServeArgs),
}

/// Options of `serve`.
#[derive(Debug, Args)]
pub struct ServeArgs {
    #[command(flatten)]
    pub site: SiteArgs,
    /// Port to listen on; the next free one is taken if it is in use.
    #[arg(long, default_value_t = 1111)]
    pub port: u16,
    /// Address to listen on. Other machines can reach the preview only if this is not loopback.
    #[arg(long, default_value = "127.0.0.1")]
    pub bind: std::net::IpAddr,
    /// Open the site in the default browser.
    #[arg(long)]
    pub open: bool,
}

/// Options of `bundle`.
#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("kind").required(true).args(["site", "single_file"])))]
pub struct BundleArgs {
    #[command(flatten)]
    pub site_args: SiteArgs,
    /// The whole site: a folder, or a zip archive when the name ends in .zip.
    #[arg(long, value_name = "DIR|FILE.zip")]
    pub site: Option<PathBuf>,
    /// One self-contained .html file per article, written into this folder.
    #[arg(long, value_name = "DIR")]
    pub single_file: Option<PathBuf>,
}

/// Places `deploy-config` can set up.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum DeployTarget {
    /// GitHub Pages, through GitHub Actions.
    GithubPages,
}

/// Options shared by commands that read a site.
#[derive(Debug, Args)]
pub struct SiteArgs {
    /// The site's folder (holding site.yaml and content/).
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// Override base_url from site.yaml, e.g. https://user.github.io/repo/.
    #[arg(long)]
    pub base_url: Option<String>,
    /// Include articles marked `draft: true`.
    #[arg(long)]
    pub drafts: bool,
}

/// Options of `build`.
#[derive(Debug, Args)]
pub struct BuildArgs {
    #[command(flatten)]
    pub site: SiteArgs,
    /// Output folder, relative to the site root unless absolute.
    #[arg(long, short, default_value = "public")]
    pub output: PathBuf,
}

/// Options of `import`.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// Saved pages (.html, .htm, .html.gz), page-text dumps (.txt), RSS/Atom feeds, folders of
    /// them, - for standard input, or http(s):// addresses of pages and feeds.
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<String>,
    /// The site's folder (holding site.yaml and content/).
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// Put every article in this section instead of the one the page names.
    #[arg(long)]
    pub section: Option<String>,
    /// Address of the original, for pages and dumps that do not state it.
    #[arg(long, value_name = "URL")]
    pub source_url: Option<String>,
    /// Overwrite articles edited by hand since they were imported.
    #[arg(long)]
    pub force: bool,
    /// Fetch the page of feed entries that carry only a summary (default for feeds given by URL).
    #[arg(long, conflicts_with = "no_fetch")]
    pub fetch: bool,
    /// Never fetch linked pages of feed entries; use the feed's own text.
    #[arg(long)]
    pub no_fetch: bool,
    /// Save images with the site (static/images/…) and link them locally, for offline archives.
    #[arg(long)]
    pub download_images: bool,
    /// Seconds between two requests to the same host (raised to its robots.txt Crawl-delay).
    #[arg(long, default_value_t = 1.0, value_name = "SECONDS")]
    pub delay: f64,
    /// Seconds before a request is given up.
    #[arg(long, default_value_t = 30, value_name = "SECONDS")]
    pub timeout: u64,
    /// Further attempts after a 429, a server error or a network error, with growing waits.
    #[arg(long, default_value_t = 3)]
    pub retries: u32,
}
