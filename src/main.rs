//! The `newsmirror` binary: parses the command line, calls the library, prints the outcome or the
//! error chain, and picks the exit code. Nothing else in the crate prints.

mod cli;

/// A build makes millions of short-lived allocations from all threads at once (template values,
/// strings); mimalloc serves them faster than the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::io::IsTerminal;
use std::process::ExitCode;

use clap::Parser;
use indicatif::{ProgressBar, ProgressStyle};
use newsmirror::build::{self, BuildOptions, Summary};
use newsmirror::progress::{Progress, Silent};

use cli::{Cli, Command, DeployTarget, SiteArgs};
use newsmirror::deploy;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: {err}");
            for cause in err.chain().skip(1) {
                eprintln!("  caused by: {cause}");
            }
            ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli) -> anyhow::Result<()> {
    match cli.command {
        Command::Init {
            dir,
            github_pages,
            newsmirror_git,
        } => init(&dir, github_pages, newsmirror_git.as_deref())?,
        Command::DeployConfig {
            target: DeployTarget::GithubPages,
            root,
            newsmirror_git,
            force,
        } => {
            let install = deploy::install_for(&root, newsmirror_git.as_deref())?;
            let path = deploy::write_github_pages(&root, &install, force)?;
            println!("Wrote {}. In the repository's Settings → Pages, choose GitHub Actions as the source.", path.display());
        }
        Command::Build(args) => {
            let mut options = options(&args.site);
            options.output = Some(args.output);
            let summary = with_progress(|p| build::build(&options, p))?;
            print_summary("Built", &summary);
        }
        Command::Bundle(args) => bundle(args)?,
        Command::Serve(args) => serve(args)?,
        Command::Import(args) => import(args)?,
        Command::Check(args) => {
            let summary = with_progress(|p| build::check(&options(&args), p))?;
            print_summary("Checked", &summary);
        }
    }
    Ok(())
}

/// Creates a site, with the GitHub Pages workflow when asked for.
fn init(
    dir: &std::path::Path,
    github_pages: bool,
    newsmirror_git: Option<&str>,
) -> anyhow::Result<()> {
    // Check the workflow can be written before creating anything.
    let install = github_pages
        .then(|| deploy::install_for(dir, newsmirror_git))
        .transpose()?;
    newsmirror::init::init(dir)?;
    if let Some(install) = install {
        let path = deploy::write_github_pages(dir, &install, false)?;
        println!("Wrote {}.", path.display());
    }
    println!(
        "Created a site in {}. Next: cd there and run `newsmirror build`.",
        dir.display()
    );
    Ok(())
}

/// Packs the site as an offline folder or zip, and/or as single-file pages.
fn bundle(args: cli::BundleArgs) -> anyhow::Result<()> {
    let options = options(&args.site_args);
    if let Some(target) = args.site {
        let zip = target
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("zip"));
        let summary = with_progress(|p| match zip {
            true => build::write_zip(&options, &target, p),
            false => build::write_dir(&options, &target, true, p),
        })?;
        print_summary("Bundled", &summary);
    }
    if let Some(dir) = args.single_file {
        let summary = with_progress(|p| newsmirror::single::write(&options, &dir, p))?;
        print_summary("Bundled", &summary);
    }
    Ok(())
}

fn options(args: &SiteArgs) -> BuildOptions {
    BuildOptions {
        root: args.root.clone(),
        base_url: args.base_url.clone(),
        output: None,
        drafts: args.drafts,
    }
}

/// Imports articles and prints what happened to each that needs attention, then the counts.
fn import(args: cli::ImportArgs) -> anyhow::Result<()> {
    use newsmirror::import::{self, ImportOptions, Outcome, WriteOptions};
    let mut options = ImportOptions::new(&args.root, args.inputs);
    options.write = WriteOptions {
        section: args.section,
        source_url: args.source_url,
        force: args.force,
    };
    options.fetch_linked = match (args.fetch, args.no_fetch) {
        (true, _) => Some(true),
        (_, true) => Some(false),
        _ => None,
    };
    options.download_images = args.download_images;
    options.fetch.delay = std::time::Duration::from_secs_f64(args.delay.max(0.0));
    options.fetch.timeout = std::time::Duration::from_secs(args.timeout.max(1));
    options.fetch.retries = args.retries;
    if options.inputs.iter().any(|i| i == "-") {
        options.stdin = Some(import::input::read_stdin()?);
    }
    let report = with_progress(|p| import::run(&options, p))?;
    for item in &report.items {
        for note in &item.notes {
            eprintln!("note: {}: {note}", item.path.display());
        }
        if item.outcome == Outcome::SkippedEdited {
            eprintln!(
                "skipped: {} was edited since it was imported (from {}); --force overwrites it",
                item.path.display(),
                item.from
            );
        }
    }
    for failure in &report.failures {
        eprintln!("failed: {}: {}", failure.from, failure.reason);
    }
    println!(
        "Imported in {:.2} s: {} created, {} updated, {} unchanged, {} skipped (edited), {} failed",
        report.seconds,
        report.count(Outcome::Created),
        report.count(Outcome::Updated),
        report.count(Outcome::Unchanged),
        report.count(Outcome::SkippedEdited),
        report.failures.len()
    );
    if !report.failures.is_empty() {
        anyhow::bail!("{} input(s) could not be imported", report.failures.len());
    }
    Ok(())
}

/// Runs the preview server until Ctrl-C.
fn serve(args: cli::ServeArgs) -> anyhow::Result<()> {
    use newsmirror::serve::{ServeOptions, Server};
    let options = ServeOptions {
        build: options(&args.site),
        bind: args.bind,
        port: args.port,
    };
    let runtime = tokio::runtime::Runtime::new()?;
    runtime.block_on(async {
        let (server, listener, note) = Server::bind(options).await?;
        let url = format!("http://{}/", server.addr);
        let report = std::sync::Arc::new(Printer);
        newsmirror::serve::Report::listening(report.as_ref(), &url, note.as_deref());
        if args.open {
            // Best effort: a machine without a desktop simply has no opener.
            let _ = std::process::Command::new("xdg-open").arg(&url).spawn();
        }
        let ctrl_c = async {
            let _ = tokio::signal::ctrl_c().await;
        };
        server.run(listener, report, ctrl_c).await
    })?;
    println!("Stopped.");
    Ok(())
}

/// Prints what the preview server reports.
struct Printer;

impl newsmirror::serve::Report for Printer {
    fn listening(&self, url: &str, note: Option<&str>) {
        if let Some(note) = note {
            println!("{note}");
        }
        println!("Serving at {url} (Ctrl-C to stop); watching the site for changes.");
    }

    fn rebuilt(&self, summary: &Summary) {
        println!(
            "Updated in {:.0} ms: {} pages rendered, {} articles.",
            summary.seconds * 1000.0,
            summary.pages,
            summary.articles,
        );
        for warning in &summary.warnings {
            eprintln!("warning: {warning}");
        }
    }

    fn failed(&self, error: &str) {
        eprintln!("error: {error}\n(still serving the last good site)");
    }
}

/// Warnings shown in full; the rest are counted.
const WARNINGS_SHOWN: usize = 10;

fn print_summary(verb: &str, s: &Summary) {
    for warning in s.warnings.iter().take(WARNINGS_SHOWN) {
        eprintln!("warning: {warning}");
    }
    if s.warnings.len() > WARNINGS_SHOWN {
        eprintln!(
            "warning: {} more broken links in articles; `newsmirror check` lists them all",
            s.warnings.len() - WARNINGS_SHOWN
        );
    }
    let target = s
        .output
        .as_ref()
        .map(|p| format!(" → {}", p.display()))
        .unwrap_or_default();
    println!(
        "{verb} {} articles: {} pages, {} files in {:.2} s{target}",
        s.articles, s.pages, s.files, s.seconds
    );
}

/// Runs `f` with a progress bar on stderr when it is a terminal, silently otherwise.
fn with_progress<T>(f: impl FnOnce(&dyn Progress) -> T) -> T {
    if std::io::stderr().is_terminal() {
        let bar = Bar(ProgressBar::hidden());
        let out = f(&bar);
        bar.0.finish_and_clear();
        out
    } else {
        f(&Silent)
    }
}

/// An indicatif bar, restarted for each stage.
struct Bar(ProgressBar);

impl Progress for Bar {
    fn start(&self, stage: &str, total: u64) {
        self.0
            .set_draw_target(indicatif::ProgressDrawTarget::stderr());
        self.0.set_style(
            ProgressStyle::with_template("{prefix:>8} [{bar:30}] {pos}/{len}")
                .expect("the template is valid")
                .progress_chars("=> "),
        );
        self.0.set_prefix(stage.to_string());
        self.0.set_length(total);
        self.0.set_position(0);
    }

    fn advance(&self, n: u64) {
        self.0.inc(n);
    }

    fn finish(&self) {}
}
