//! The `build` and `check` commands: the stages in order, config → load → model → render →
//! verify → write. `check` stops before writing.

use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{Context, Result};

use crate::config::{normalise_base_url, Config};
use crate::content;
use crate::diagnostics::Diagnostic;
use crate::model::Site;
use crate::output::{dir, Output};
use crate::progress::Progress;
use crate::render;

/// What to build and where.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The site root (holds `site.yaml` and `content/`).
    pub root: PathBuf,
    /// Overrides `base_url` from `site.yaml`.
    pub base_url: Option<String>,
    /// Output directory; relative paths are taken from the site root. Default `public`.
    pub output: Option<PathBuf>,
    /// Include drafts.
    pub drafts: bool,
}

impl BuildOptions {
    /// Options for the site at `root` with everything else defaulted.
    pub fn new(root: impl AsRef<Path>) -> BuildOptions {
        BuildOptions {
            root: root.as_ref().to_path_buf(),
            base_url: None,
            output: None,
            drafts: false,
        }
    }

    /// Where the site will be written.
    pub fn output_dir(&self) -> PathBuf {
        let out = self
            .output
            .clone()
            .unwrap_or_else(|| PathBuf::from("public"));
        if out.is_absolute() {
            out
        } else {
            self.root.join(out)
        }
    }
}

/// Figures for the summary line.
#[derive(Debug, Clone)]
pub struct Summary {
    /// Articles built.
    pub articles: usize,
    /// HTML pages rendered.
    pub pages: usize,
    /// Files in the output.
    pub files: usize,
    /// Wall time.
    pub seconds: f64,
    /// Where the site went (none for `check`).
    pub output: Option<PathBuf>,
    /// Problems that did not stop the build (broken links in article bodies).
    pub warnings: Vec<Diagnostic>,
}

/// Loads the config, applying command-line overrides.
pub fn load_config(options: &BuildOptions) -> Result<Config> {
    let mut config = Config::load(&options.root)?;
    if let Some(url) = &options.base_url {
        let (base_url, base_path) =
            normalise_base_url(url).map_err(|m| anyhow::anyhow!("--base-url: {m}"))?;
        config.base_url = base_url;
        config.base_path = base_path;
    }
    Ok(config)
}

/// A site rendered and verified, ready to write.
pub struct Rendered {
    /// The model.
    pub site: Site,
    /// Every output file.
    pub outputs: Vec<Output>,
    /// Broken links inside article bodies (empty when `strict`).
    pub warnings: Vec<Diagnostic>,
}

/// Runs every stage but the write. With `strict`, broken links in article bodies are errors too.
pub fn render_site(
    options: &BuildOptions,
    strict: bool,
    progress: &dyn Progress,
) -> Result<Rendered> {
    let config = load_config(options)?;
    let files = content::discover(&config.content_dir())?.len();
    progress.start("load", files as u64);
    let articles = content::load(&config, options.drafts, &|| progress.advance(1));
    progress.finish();
    let site = Site::new(config, articles?)?;
    let renderer = render::Renderer::new(&site).context("cannot prepare the templates")?;
    progress.start("render", renderer.page_count() as u64);
    let outputs = renderer.render_all(&|| progress.advance(1));
    progress.finish();
    let outputs = outputs?;
    let warnings =
        render::verify::verify(&site, &outputs, renderer.templates()).into_result(strict)?;
    Ok(Rendered {
        site,
        outputs,
        warnings,
    })
}

/// `newsmirror build`: renders and verifies the site, then swaps it into the output directory.
pub fn build(options: &BuildOptions, progress: &dyn Progress) -> Result<Summary> {
    let started = Instant::now();
    let target = options.output_dir();
    // Refuse a dangerous target before spending time on the build.
    dir::check_target(&options.root, &target)?;
    let rendered = render_site(options, false, progress)?;
    progress.start("write", rendered.outputs.len() as u64);
    let written = dir::write_atomically(&target, &rendered.outputs, &|| progress.advance(1));
    progress.finish();
    written?;
    Ok(summary(rendered, started, Some(target)))
}

/// `newsmirror check`: everything `build` checks, writing nothing.
pub fn check(options: &BuildOptions, progress: &dyn Progress) -> Result<Summary> {
    let started = Instant::now();
    let rendered = render_site(options, true, progress)?;
    Ok(summary(rendered, started, None))
}

fn summary(rendered: Rendered, started: Instant, output: Option<PathBuf>) -> Summary {
    let outputs = &rendered.outputs;
    Summary {
        articles: rendered.site.articles.len(),
        pages: outputs.iter().filter(|o| o.path.ends_with(".html")).count(),
        files: outputs.len(),
        seconds: started.elapsed().as_secs_f64(),
        output,
        warnings: rendered.warnings,
    }
}
