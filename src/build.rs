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
use crate::output::relative::Relative;
use crate::output::zip::ZipSink;
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

/// Runs every stage after config, handing each output to `sink` as it is made. With `strict`, broken links in
/// article bodies are errors too. `before_render` gets every path the build will write, before
/// the first page is rendered (the directory sink creates its folders there).
pub fn render_site(
    options: &BuildOptions,
    config: Config,
    strict: bool,
    progress: &dyn Progress,
    sink: &dyn Sink,
    before_render: &mut dyn FnMut(&[String]) -> Result<()>,
) -> Result<Rendered> {
    let files = content::discover(&config.content_dir())?.len();
    progress.start("load", files as u64);
    let articles = content::load(&config, options.drafts, &|| progress.advance(1));
    progress.finish();
    let articles = articles?.into_iter().map(std::sync::Arc::new).collect();
    let site = Site::new(config, articles)?;
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
    let config = load_config(options)?;
    let rendered = render_site(options, config, strict, &Silent, &collect, &mut |_| Ok(()))?;
    Ok((rendered, collect.into_outputs()))
}

/// `newsmirror build`: renders and verifies the site into a staging directory, and swaps it into
/// the output directory only when everything succeeded.
pub fn build(options: &BuildOptions, progress: &dyn Progress) -> Result<Summary> {
    write_dir(options, &options.output_dir(), false, progress)
}

/// Builds into the folder `target` through a staging folder; with `relative`, every link is made
/// relative to its file (an offline bundle).
pub fn write_dir(
    options: &BuildOptions,
    target: &Path,
    relative: bool,
    progress: &dyn Progress,
) -> Result<Summary> {
    let started = Instant::now();
    let target = target.to_path_buf();
    // Refuse a dangerous target before spending time on the build.
    dir::check_target(&options.root, &target)?;
    let staging: OnceLock<dir::Staging> = OnceLock::new();
    let staged = StagingSink(&staging);
    let config = load_config(options)?;
    let rewriting = Relative::new(&staged, &config.base_url, &config.base_path);
    let sink: &dyn Sink = if relative { &rewriting } else { &staged };
    let rendered = render_site(options, config, false, progress, sink, &mut |paths| {
        let _ = staging.set(dir::Staging::begin(&target, paths)?);
        Ok(())
    })?;
    // On any error above, dropping the staging directory removes it; here it replaces the site.
    let mut size_warnings = Vec::new();
    if let Some(staging) = staging.into_inner() {
        size_warnings = size_warnings_of(&staging, &target);
        staging.commit()?;
    }
    let mut summary = summarise(rendered, started, Some(target));
    summary.warnings.extend(size_warnings);
    Ok(summary)
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

/// Warnings for files and sites too large for GitHub Pages.
fn size_warnings_of(staging: &dir::Staging, target: &Path) -> Vec<Diagnostic> {
    let (total, large) = staging.size();
    let mut warnings: Vec<Diagnostic> = large
        .into_iter()
        .map(|file| {
            Diagnostic::new(target.join(&file), None, "file over 100 MiB").with_hint(
                "GitHub Pages refuses files this large; keep it elsewhere and link to it",
            )
        })
        .collect();
    if total > dir::LARGE_SITE {
        let gib = total as f64 / dir::LARGE_SITE as f64;
        warnings.push(
            Diagnostic::new(target, None, format!("the site is {gib:.1} GiB")).with_hint(
                "GitHub Pages publishes sites up to 1 GiB; split the archive or host it elsewhere",
            ),
        );
    }
    warnings
}

/// `newsmirror bundle --site archive.zip`: the site with file-relative links, in a zip archive.
pub fn write_zip(
    options: &BuildOptions,
    target: &Path,
    progress: &dyn Progress,
) -> Result<Summary> {
    let started = Instant::now();
    let config = load_config(options)?;
    let archive = ZipSink::create(target)?;
    let rewriting = Relative::new(&archive, &config.base_url, &config.base_path);
    let rendered = render_site(
        options,
        config,
        false,
        progress,
        &rewriting,
        &mut |_| Ok(()),
    )?;
    archive.finish()?;
    Ok(summarise(rendered, started, Some(target.to_path_buf())))
}

/// `newsmirror check`: everything `build` checks, writing nothing.
pub fn check(options: &BuildOptions, progress: &dyn Progress) -> Result<Summary> {
    let started = Instant::now();
    let config = load_config(options)?;
    let rendered = render_site(options, config, true, progress, &Discard, &mut |_| Ok(()))?;
    Ok(summarise(rendered, started, None))
}

/// The summary of a finished run.
pub fn summarise(rendered: Rendered, started: Instant, output: Option<PathBuf>) -> Summary {
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
