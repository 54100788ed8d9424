//! Helpers shared by the integration tests.

use std::path::PathBuf;

/// The reference material (`../shared` beside the repository, or `$VIGIE_SHARED`); CI has it, a user's
/// clone does not, and the tests that need it are skipped then.
pub fn shared_dir() -> PathBuf {
    std::env::var_os("VIGIE_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared"))
}
