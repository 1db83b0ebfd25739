//! The `build` and `check` commands: the stages in order, config → load → model → render →
//! verify → write. `check` stops before writing.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::Instant;

use anyhow::{Context, Result};

use crate::config::{normalise_base_url, Config};
use crate::content;
use crate::diagnostics::Diagnostic;
use crate::model::Site;
use crate::output::{dir, Collect, Discard, Output, Sink};
use crate::progress::{Progress, Silent};
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

/// A site rendered, verified and handed to a sink.
pub struct Rendered {
    /// The model.
    pub site: Site,
    /// Every output path.
    pub paths: Vec<String>,
    /// Broken links inside article bodies (empty when `strict`).
    pub warnings: Vec<Diagnostic>,
}

/// Runs every stage, handing each output to `sink` as it is made. With `strict`, broken links in
/// article bodies are errors too. `before_render` gets every path the build will write, before
/// the first page is rendered (the directory sink creates its folders there).
pub fn render_site(
    options: &BuildOptions,
    strict: bool,
    progress: &dyn Progress,
    sink: &dyn Sink,
    before_render: &mut dyn FnMut(&[String]) -> Result<()>,
) -> Result<Rendered> {
    let config = load_config(options)?;
    let files = content::discover(&config.content_dir())?.len();
    progress.start("load", files as u64);
    let articles = content::load(&config, options.drafts, &|| progress.advance(1));
    progress.finish();
    let site = Site::new(config, articles?)?;
    let renderer = render::Renderer::new(&site).context("cannot prepare the templates")?;
    let plan = renderer.plan()?;
    let paths = plan.paths.clone();
    before_render(&paths)?;
    progress.start("render", plan.page_count() as u64);
    let report = renderer.render(plan, sink, &|| progress.advance(1));
    progress.finish();
    let warnings = report?.into_result(strict)?;
    drop(renderer);
    Ok(Rendered {
        site,
        paths,
        warnings,
    })
}

/// Renders the site into memory, sorted by path (for tests and previews).
pub fn render_to_memory(options: &BuildOptions, strict: bool) -> Result<(Rendered, Vec<Output>)> {
    let collect = Collect::default();
    let rendered = render_site(options, strict, &Silent, &collect, &mut |_| Ok(()))?;
    Ok((rendered, collect.into_outputs()))
}

/// `newsmirror build`: renders and verifies the site into a staging directory, and swaps it into
/// the output directory only when everything succeeded.
pub fn build(options: &BuildOptions, progress: &dyn Progress) -> Result<Summary> {
    let started = Instant::now();
    let target = options.output_dir();
    // Refuse a dangerous target before spending time on the build.
    dir::check_target(&options.root, &target)?;
    let staging: OnceLock<dir::Staging> = OnceLock::new();
    let sink = StagingSink(&staging);
    let rendered = render_site(options, false, progress, &sink, &mut |paths| {
        let _ = staging.set(dir::Staging::begin(&target, paths)?);
        Ok(())
    })?;
    // On any error above, dropping the staging directory removes it; here it replaces the site.
    if let Some(staging) = staging.into_inner() {
        staging.commit()?;
    }
    Ok(summary(rendered, started, Some(target)))
}

/// Writes into the staging directory once `render_site` has created it.
struct StagingSink<'a>(&'a OnceLock<dir::Staging>);

impl Sink for StagingSink<'_> {
    fn accept(&self, output: Output) -> Result<()> {
        match self.0.get() {
            Some(staging) => staging.accept(output),
            None => anyhow::bail!("internal error: output before the staging directory exists"),
        }
    }
}

/// `newsmirror check`: everything `build` checks, writing nothing.
pub fn check(options: &BuildOptions, progress: &dyn Progress) -> Result<Summary> {
    let started = Instant::now();
    let rendered = render_site(options, true, progress, &Discard, &mut |_| Ok(()))?;
    Ok(summary(rendered, started, None))
}

fn summary(rendered: Rendered, started: Instant, output: Option<PathBuf>) -> Summary {
    Summary {
        articles: rendered.site.articles.len(),
        pages: rendered
            .paths
            .iter()
            .filter(|p| p.ends_with(".html"))
            .count(),
        files: rendered.paths.len(),
        seconds: started.elapsed().as_secs_f64(),
        output,
        warnings: rendered.warnings,
    }
}
