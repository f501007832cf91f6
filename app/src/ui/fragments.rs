//! Parts of a page rendered once and written into later pages as they are (server only).
//!
//! Outside the islands nothing is hydrated, so a part whose HTML depends only on its inputs
//! can be kept as text: a profile's charts are four fifths of its HTML and most of its
//! render time, and change only when the figures, the opgaves' milestones or the
//! indicators' wording do.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::sync::{Arc, Mutex, OnceLock};

/// Markup written as it is into the page, for HTML the server made itself (see
/// `assets::hydration_scripts`, [`FragmentCache`]). Server only: nothing outside an island
/// is mounted in the browser.
pub struct RawHtml(Arc<str>);

impl RawHtml {
    pub fn new(html: impl Into<Arc<str>>) -> Self {
        RawHtml(html.into())
    }
}

impl leptos::tachys::view::Render for RawHtml {
    type State = ();
    fn build(self) -> Self::State {}
    fn rebuild(self, _state: &mut Self::State) {}
}

impl leptos::tachys::view::RenderHtml for RawHtml {
    type AsyncOutput = Self;
    type Owned = Self;
    const MIN_LENGTH: usize = 0;

    fn dry_resolve(&mut self) {}

    async fn resolve(self) -> Self::AsyncOutput {
        self
    }

    fn html_len(&self) -> usize {
        self.0.len()
    }

    fn to_html_with_buf(
        self,
        buf: &mut String,
        position: &mut leptos::tachys::view::Position,
        _escape: bool,
        _mark_branches: bool,
        _extra_attrs: Vec<leptos::attr::any_attribute::AnyAttribute>,
    ) {
        buf.push_str(&self.0);
        *position = leptos::tachys::view::Position::NextChild;
    }

    fn hydrate<const FROM_SERVER: bool>(
        self,
        _cursor: &leptos::tachys::hydration::Cursor,
        _position: &leptos::tachys::view::PositionState,
    ) -> Self::State {
    }

    fn into_owned(self) -> Self::Owned {
        self
    }
}

impl leptos::tachys::view::add_attr::AddAnyAttr for RawHtml {
    type Output<SomeNewAttr: leptos::attr::Attribute> = RawHtml;

    fn add_any_attr<NewAttr: leptos::attr::Attribute>(self, _attr: NewAttr) -> Self::Output<NewAttr>
    where
        Self::Output<NewAttr>: leptos::tachys::view::RenderHtml,
    {
        self
    }
}

/// Rendered parts by a hash of everything they were rendered from; emptied when full.
pub struct FragmentCache {
    entries: OnceLock<Mutex<HashMap<u64, Arc<str>>>>,
    max: usize,
}

impl FragmentCache {
    pub const fn new(max: usize) -> Self {
        FragmentCache {
            entries: OnceLock::new(),
            max,
        }
    }

    /// The part kept for `inputs`, or what `render` writes now (and is kept).
    pub fn get_or_render(&self, inputs: u64, render: impl FnOnce() -> String) -> RawHtml {
        let entries = self.entries.get_or_init(Default::default);
        if let Some(kept) = entries
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(&inputs)
        {
            return RawHtml(kept.clone());
        }
        let html: Arc<str> = render().into();
        let mut entries = entries.lock().unwrap_or_else(|e| e.into_inner());
        if entries.len() >= self.max {
            entries.clear();
        }
        entries.insert(inputs, html.clone());
        RawHtml(html)
    }
}

/// A hasher for the inputs of a part: fixed keys, so equal inputs give equal hashes for the
/// whole process. Floats go in by their bits (see [`hash_f64`]).
pub fn inputs_hasher() -> std::collections::hash_map::DefaultHasher {
    std::collections::hash_map::DefaultHasher::new()
}

pub fn hash_f64(hasher: &mut impl Hasher, value: f64) {
    value.to_bits().hash(hasher);
}

/// Hashes "period=value" points.
pub fn hash_points(hasher: &mut impl Hasher, points: &[(String, f64)]) {
    points.len().hash(hasher);
    for (period, value) in points {
        period.hash(hasher);
        hash_f64(hasher, *value);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_part_is_rendered_once_per_inputs() {
        let cache = FragmentCache::new(2);
        let renders = std::cell::Cell::new(0);
        let render = |text: &str| {
            renders.set(renders.get() + 1);
            text.to_string()
        };
        assert_eq!(
            &*cache.get_or_render(1, || render("<p>een</p>")).0,
            "<p>een</p>"
        );
        assert_eq!(
            &*cache.get_or_render(1, || render("<p>anders</p>")).0,
            "<p>een</p>"
        );
        assert_eq!(
            &*cache.get_or_render(2, || render("<p>twee</p>")).0,
            "<p>twee</p>"
        );
        assert_eq!(renders.get(), 2);
        // Full: emptied, so the third key and then the first are rendered again.
        cache.get_or_render(3, || render("<p>drie</p>"));
        assert_eq!(
            &*cache.get_or_render(1, || render("<p>een</p>")).0,
            "<p>een</p>"
        );
        assert_eq!(renders.get(), 4);
    }

    #[test]
    fn points_that_differ_hash_differently() {
        let hash = |points: &[(String, f64)]| {
            let mut hasher = inputs_hasher();
            hash_points(&mut hasher, points);
            hasher.finish()
        };
        let a = vec![("2025".to_string(), 1.0)];
        let b = vec![("2025".to_string(), 1.5)];
        let c = vec![("2024".to_string(), 1.0)];
        assert_eq!(hash(&a), hash(&a.clone()));
        assert_ne!(hash(&a), hash(&b));
        assert_ne!(hash(&a), hash(&c));
        assert_ne!(hash(&a), hash(&[]));
    }
}
