//! The binary: help for every command, exit codes, the summary line, init.

use std::process::Command;

use crate::common::Site;

fn newsmirror() -> Command {
    Command::new(env!("CARGO_BIN_EXE_newsmirror"))
}

#[test]
fn every_command_has_help() {
    for args in [
        &["--help"][..],
        &["build", "--help"],
        &["check", "--help"],
        &["init", "--help"],
    ] {
        let out = newsmirror().args(args).output().unwrap();
        assert!(out.status.success(), "{args:?}");
        assert!(
            String::from_utf8_lossy(&out.stdout).contains("Usage"),
            "{args:?}"
        );
    }
}

#[test]
fn build_prints_one_summary_line_and_exits_zero() {
    let site = Site::new("title: T\n");
    site.article("world/a.md", "", "A.");
    let out = newsmirror()
        .arg("build")
        .current_dir(site.root())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_eq!(stdout.lines().count(), 1, "{stdout}");
    assert!(stdout.starts_with("Built 1 articles: "), "{stdout}");
    assert!(
        stdout.contains(" pages, ") && stdout.contains(" files in ") && stdout.contains(" s → ")
    );
}

#[test]
fn errors_go_to_stderr_with_non_zero_exit() {
    let site = Site::new("title: T\n");
    site.file("content/world/a.md", "---\ntitle: T\n---\n");
    let out = newsmirror()
        .args(["build", "--root"])
        .arg(site.root())
        .output()
        .unwrap();
    assert!(!out.status.success());
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.starts_with("error: content/world/a.md:1: no `date`"),
        "{stderr}"
    );
    assert!(!site.public().exists());
}

#[test]
fn check_writes_nothing() {
    let site = Site::new("title: T\n");
    site.article("world/a.md", "", "A.");
    let out = newsmirror()
        .args(["check", "--root"])
        .arg(site.root())
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("Checked 1 articles"));
    assert!(!site.public().exists());
}

#[test]
fn init_scaffolds_a_site_that_builds() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("new-site");
    let out = newsmirror().arg("init").arg(&dir).output().unwrap();
    assert!(out.status.success());
    assert!(dir.join("site.yaml").exists() && dir.join("content/news/welcome.md").exists());
    let out = newsmirror()
        .args(["build", "--root"])
        .arg(&dir)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(dir.join("public/news/welcome/index.html").exists());
    let again = newsmirror().arg("init").arg(&dir).output().unwrap();
    assert!(!again.status.success());
}
