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
