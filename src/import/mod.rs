//! `newsmirror import`: saved pages, page-text dumps, feeds and URLs into Markdown articles with
//! YAML front matter under `content/`.

pub mod extract;
