//! Names of the built front-end files (server only).
//!
//! cargo-leptos puts a content hash in the names of the JS, wasm and CSS files and lists
//! them in `hash.txt` beside the server binary; Leptos reads it for the scripts, and we read
//! it for the stylesheet, so the files can be cached forever.

use leptos::config::LeptosOptions;
use std::path::PathBuf;
use std::sync::OnceLock;

/// The `hash.txt` that cargo-leptos wrote next to the running binary.
pub fn hash_file_path(options: &LeptosOptions) -> PathBuf {
    std::env::current_exe()
        .ok()
        .and_then(|exe| exe.parent().map(|dir| dir.to_path_buf()))
        .unwrap_or_default()
        .join(options.hash_file.as_ref())
}

/// Finds the hash for one kind of file (`js`, `wasm`, `css`) in the text of `hash.txt`.
pub fn hash_for(hashes: &str, kind: &str) -> Option<String> {
    hashes.lines().find_map(|line| {
        let (file, hash) = line.split_once(':')?;
        (file.trim() == kind).then(|| hash.trim().to_string())
    })
}

/// The URL of the app's stylesheet, with its hash when the build produced one.
pub fn stylesheet_href(options: &LeptosOptions) -> String {
    static HREF: OnceLock<String> = OnceLock::new();
    HREF.get_or_init(|| {
        let hash = if options.hash_files {
            std::fs::read_to_string(hash_file_path(options))
                .ok()
                .and_then(|hashes| hash_for(&hashes, "css"))
        } else {
            None
        };
        let base = options.site_pkg_dir_route_base();
        match hash {
            Some(hash) => format!("{base}{}.{hash}.css", options.output_name),
            None => format!("{base}{}.css", options.output_name),
        }
    })
    .clone()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_hashes_by_kind() {
        let text = "js: abc\nwasm: def\ncss: xyz_1-2\n";
        assert_eq!(hash_for(text, "css").as_deref(), Some("xyz_1-2"));
        assert_eq!(hash_for(text, "wasm").as_deref(), Some("def"));
        assert_eq!(hash_for(text, "split"), None);
    }
}

/// Leptos's `<HydrationScripts islands=true/>` for this page. Leptos 0.8 reads `hash.txt`
/// from disk for every page it writes them on; they differ only by the nonce, so they are
/// written once per process and the page's nonce is put in.
pub fn hydration_scripts(options: &LeptosOptions) -> crate::ui::fragments::RawHtml {
    use leptos::prelude::*;
    // A value no real nonce (hex) can be.
    const MARK: &str = "{{kernpunt-nonce}}";
    static TEMPLATE: OnceLock<String> = OnceLock::new();
    let template = TEMPLATE.get_or_init(|| {
        let options = options.clone();
        Owner::new()
            .with(|| {
                provide_context(leptos::nonce::Nonce::from_value(MARK));
                view! { <HydrationScripts options islands=true/> }.to_html()
            })
            // Leptos writes the nonce as the preload links' `crossorigin` value; a bare
            // `crossorigin` is what it means (anonymous, as module scripts are fetched).
            .replace(&format!("crossorigin=\"{MARK}\""), "crossorigin")
    });
    // What the component does for the page besides writing: outside islands nothing is
    // hydrated.
    if let Some(context) = Owner::current_shared_context() {
        context.set_is_hydrating(false);
    }
    let nonce = leptos::nonce::use_nonce()
        .map(|nonce| nonce.to_string())
        .unwrap_or_default();
    crate::ui::fragments::RawHtml::new(template.replace(MARK, &nonce))
}
