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
    },
    /// Build the site into public/ (replaced only if the whole build succeeds).
    Build(BuildArgs),
    /// Check content, templates, attribution and internal links without writing anything.
    Check(SiteArgs),
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
