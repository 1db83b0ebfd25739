//! newsmirror: mirror news articles as a fast static site that always credits the original.
//!
//! A build flows one way through the stages, each a module:
//! [`config`] → [`content`] (load) → [`model`] → [`render`] (with its verify step) → [`output`].
//! [`build`] wires the stages together for the `build` and `check` commands; [`init`] scaffolds a
//! new site. Library code returns errors; only the binary prints.

pub mod build;
pub mod config;
pub mod content;
pub mod deploy;
pub mod diagnostics;
pub mod hash;
pub mod html;
pub mod import;
pub mod init;
pub mod model;
pub mod output;
pub mod progress;
pub mod render;
pub mod serve;
pub mod single;
pub mod slug;
pub mod theme;
