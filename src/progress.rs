//! Progress reporting from the library without printing from it: stages call a [`Progress`], and
//! the binary decides whether that draws a bar (on a terminal) or does nothing.

/// Receives progress from a running build. Implementations must be cheap: `advance` is called once
/// per file from many threads.
pub trait Progress: Sync {
    /// A stage with `total` steps starts.
    fn start(&self, stage: &str, total: u64);
    /// `n` more steps of the current stage are done.
    fn advance(&self, n: u64);
    /// The current stage is over.
    fn finish(&self);
}

/// Reports nothing.
pub struct Silent;

impl Progress for Silent {
    fn start(&self, _stage: &str, _total: u64) {}
    fn advance(&self, _n: u64) {}
    fn finish(&self) {}
}
