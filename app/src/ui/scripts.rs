//! The two small plain scripts the server hands out besides the islands' WASM: the page
//! navigation every page uses, and the place picker only coordinators' forms load.
//!
//! They are served from `/js/{name}.{hash}.js` (server only) with a hash of their text in
//! the name, so browsers may keep them for a year and still get a new version at once.

/// A script compiled into the server.
pub struct Script {
    pub name: &'static str,
    pub source: &'static str,
    hash: u64,
}

impl Script {
    const fn new(name: &'static str, source: &'static str) -> Self {
        Script {
            name,
            source,
            hash: fnv1a(source.as_bytes()),
        }
    }

    /// The versioned URL of this script.
    pub fn href(&self) -> String {
        format!("/js/{}.{:016x}.js", self.name, self.hash)
    }

    /// The script whose versioned file name (`navigate.0123….js`) this is.
    pub fn by_file_name(file: &str) -> Option<&'static Script> {
        ALL.iter().copied().find(|script| {
            file.strip_prefix(script.name)
                .and_then(|rest| rest.strip_prefix('.'))
                .and_then(|rest| rest.strip_suffix(".js"))
                == Some(format!("{:016x}", script.hash).as_str())
        })
    }
}

/// Links and forms fetch the next page and swap it in (see the file's header).
pub static NAVIGATE: Script = Script::new("navigate", include_str!("navigate.js"));
/// The coordinators' click-to-place map on the area identity form.
pub static PLACE_PICKER: Script = Script::new(
    "place-picker",
    include_str!("../areas/edit/place_picker.js"),
);

static ALL: [&Script; 2] = [&NAVIGATE, &PLACE_PICKER];

/// 64-bit FNV-1a: enough to tell versions of a file apart, and computable at compile time.
const fn fnv1a(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut i = 0;
    while i < bytes.len() {
        hash ^= bytes[i] as u64;
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        i += 1;
    }
    hash
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_are_found_by_their_versioned_name_only() {
        let href = NAVIGATE.href();
        let file = href.strip_prefix("/js/").unwrap();
        assert_eq!(Script::by_file_name(file).map(|s| s.name), Some("navigate"));
        assert!(Script::by_file_name("navigate.0000000000000000.js").is_none());
        assert!(Script::by_file_name("navigate.js").is_none());
        assert_ne!(NAVIGATE.href(), PLACE_PICKER.href());
    }
}
