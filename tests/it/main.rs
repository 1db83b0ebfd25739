//! Integration tests: small fixture sites built into temporary directories, with assertions on the
//! files written. One test binary, one module per concern.

mod common;

mod base_path;
mod browser;
mod chromium;
mod cli;
mod errors;
mod example_site;
mod feeds;
mod golden;
mod http;
mod import;
mod import_http;
mod import_server;
mod output;
mod pages;
mod publish;
mod serve;
mod serve_incremental;
mod templates;
mod theme;
mod validator;
