//! The built site's files under `/pkg`: the bundle's name, which a release build makes unique
//! to its content (`plenary-<hash>`) so that browsers may keep the files for a year, and the
//! brotli and gzip copies the release build writes beside them, sent to browsers that accept
//! either (brotli first).

use std::path::Path;

use axum::http::{header, HeaderValue};
use axum::Router;
use tower_http::services::ServeDir;
use tower_http::set_header::SetResponseHeaderLayer;

/// The bundle's name in a debug build (bin/build-site without --release).
pub const PLAIN_BUNDLE: &str = "plenary";

/// The file in `pkg/` where a release build writes the bundle's hashed name.
const BUNDLE_FILE: &str = "bundle-name";

/// A year: hashed files never change under their name.
const FOREVER: &str = "public, max-age=31536000, immutable";
/// Unhashed files change under the same name with every build: always ask again.
const ASK_AGAIN: &str = "no-cache";

/// The name of the bundle built under `site_root` (its `.js`, `_bg.wasm` and `.css` files).
pub fn bundle_name(site_root: &Path) -> String {
    std::fs::read_to_string(site_root.join("pkg").join(BUNDLE_FILE))
        .ok()
        .map(|name| name.trim().to_owned())
        .filter(|name| is_bundle_name(name))
        .unwrap_or_else(|| PLAIN_BUNDLE.to_owned())
}

/// `plenary` or `plenary-` followed by a hex hash; anything else is not a name we wrote.
fn is_bundle_name(name: &str) -> bool {
    name == PLAIN_BUNDLE
        || name
            .strip_prefix("plenary-")
            .is_some_and(|hash| !hash.is_empty() && hash.chars().all(|c| c.is_ascii_hexdigit()))
}

/// `/pkg`: the files, their gzip copies where built, and how long browsers may keep them.
pub fn pkg(site_root: &Path, bundle: &str) -> Router {
    let cache = if bundle == PLAIN_BUNDLE {
        ASK_AGAIN
    } else {
        FOREVER
    };
    let files = ServeDir::new(site_root.join("pkg"))
        .precompressed_br()
        .precompressed_gzip();
    Router::new()
        .fallback_service(files)
        .layer(SetResponseHeaderLayer::overriding(
            header::CACHE_CONTROL,
            HeaderValue::from_static(cache),
        ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_names_a_build_writes_are_taken() {
        assert!(is_bundle_name("plenary"));
        assert!(is_bundle_name("plenary-3fa9c01b"));
        assert!(!is_bundle_name("plenary-"));
        assert!(!is_bundle_name("plenary-../../etc"));
        assert!(!is_bundle_name("other-3fa9"));
    }

    #[test]
    fn without_a_name_file_the_bundle_is_plain() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(bundle_name(dir.path()), PLAIN_BUNDLE);
        std::fs::create_dir(dir.path().join("pkg")).unwrap();
        std::fs::write(dir.path().join("pkg").join(BUNDLE_FILE), "plenary-00ff\n").unwrap();
        assert_eq!(bundle_name(dir.path()), "plenary-00ff");
    }
}
