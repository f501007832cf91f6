//! A cache of rendered pages for visitors who are not logged in.
//!
//! Most traffic is anonymous and every anonymous visitor sees the same HTML for a URL, so
//! rendering it once and serving the bytes again is what makes a profile page fast. Rules:
//! - only GET requests without a session cookie (or a voter cookie on the topics page), and
//!   only `200 text/html` responses without `Set-Cookie`, are stored; pages reached by a
//!   personal link (a sign-up's page, a password link) never are;
//! - **one render per page at a time**: while a page renders, other requests for it wait for
//!   that render instead of starting their own (single flight);
//! - **stale while revalidate**: after [`FRESH_FOR`] an entry is still served, up to
//!   [`SERVE_STALE_FOR`], while one request renders it again in the background, so pages
//!   never expire under load; changes made outside this process (the CLI, the clock) show
//!   within a minute;
//! - **a change empties only what it affects**: a post names what it changed by tags
//!   (`app::page_tags`, e.g. a sign-up: its session's page and the agenda); posts that name
//!   nothing, and every post this module does not know, empty everything; reads, logins and a
//!   refused or failed post empty nothing;
//! - each response gets the current request's CSP nonce: the stored page's nonce is replaced.
//!
//! Responses say how they were served in `x-kernpunt-cache` (`hit`, `stale`, `wait`, `miss`).

use app::accounts::session::token_from_cookie_header;
use app::csp::CspNonce;
use axum::{
    body::{to_bytes, Body, Bytes},
    extract::{Request, State},
    http::{header, HeaderMap, HeaderName, HeaderValue, Method, StatusCode},
    middleware::Next,
    response::Response,
};
use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::sync::watch;

/// How long a stored page is served as it is.
pub const FRESH_FOR: Duration = Duration::from_secs(60);
/// How long after that a stored page is still served while it renders again.
pub const SERVE_STALE_FOR: Duration = Duration::from_secs(600);
/// Most pages kept; URLs with arbitrary query strings must not fill the memory.
pub const MAX_ENTRIES: usize = 512;
/// Largest page kept.
const MAX_BODY: usize = 4 * 1024 * 1024;
/// The response header that says how a page was served.
pub const CACHE_HEADER: HeaderName = HeaderName::from_static("x-kernpunt-cache");

struct Entry {
    stored_at: Instant,
    headers: HeaderMap,
    /// The page cut at every occurrence of its nonce (found once, when stored), so serving
    /// it again is one copy with the new nonce in the gaps.
    pieces: Vec<Bytes>,
    nonce_len: usize,
    /// Set while one request renders this page again in the background.
    refreshing: AtomicBool,
}

enum Slot {
    Ready(Arc<Entry>),
    /// A render is under way; `flight` tells it apart from a later one for the same page.
    Rendering {
        flight: u64,
        done: watch::Receiver<Option<Arc<Entry>>>,
    },
}

pub struct PageCache {
    slots: Mutex<HashMap<String, Slot>>,
    flights: AtomicU64,
    fresh_for: Duration,
    stale_for: Duration,
}

/// What a post may have changed.
#[derive(Debug, PartialEq, Eq)]
enum Changed {
    Nothing,
    Tags(Vec<String>),
    Everything,
}

impl PageCache {
    pub fn new() -> Arc<PageCache> {
        Self::with_ages(FRESH_FOR, SERVE_STALE_FOR)
    }

    /// A cache whose pages go stale after `fresh_for` and are dropped `stale_for` later.
    pub fn with_ages(fresh_for: Duration, stale_for: Duration) -> Arc<PageCache> {
        Arc::new(PageCache {
            slots: Mutex::default(),
            flights: AtomicU64::new(0),
            fresh_for,
            stale_for,
        })
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, Slot>> {
        self.slots.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Stores the render of `flight`, unless a change made that page stale meanwhile (the
    /// change removed the flight's slot).
    fn finish(&self, key: &str, flight: u64, entry: Option<Arc<Entry>>) {
        let mut slots = self.lock();
        let ours =
            matches!(slots.get(key), Some(Slot::Rendering { flight: f, .. }) if *f == flight);
        if !ours {
            return;
        }
        match entry {
            Some(entry) if slots.len() <= MAX_ENTRIES || self.evict_old(&mut slots) => {
                slots.insert(key.to_string(), Slot::Ready(entry));
            }
            _ => {
                slots.remove(key);
            }
        }
    }

    /// Stores a background render, unless the entry it replaces is gone or was replaced.
    fn refreshed(&self, key: &str, old: &Arc<Entry>, entry: Option<Arc<Entry>>) {
        let mut slots = self.lock();
        let current = matches!(slots.get(key), Some(Slot::Ready(e)) if Arc::ptr_eq(e, old));
        if !current {
            return;
        }
        match entry {
            Some(entry) => {
                slots.insert(key.to_string(), Slot::Ready(entry));
            }
            None => {
                slots.remove(key);
            }
        }
    }

    /// Makes room by dropping pages past their stale time; false when there is still none.
    fn evict_old(&self, slots: &mut HashMap<String, Slot>) -> bool {
        let keep = self.fresh_for + self.stale_for;
        slots.retain(|_, slot| match slot {
            Slot::Ready(entry) => entry.stored_at.elapsed() < keep,
            Slot::Rendering { .. } => true,
        });
        slots.len() < MAX_ENTRIES
    }

    fn forget(&self, changed: &Changed) {
        let mut slots = self.lock();
        match changed {
            Changed::Nothing => {}
            Changed::Everything => slots.clear(),
            Changed::Tags(tags) => slots.retain(|key, _| {
                let path = key.split('?').next().unwrap_or(key);
                !app::page_tags::of_page(path)
                    .iter()
                    .any(|t| tags.contains(t))
            }),
        }
    }
}

/// Removes a flight's slot if its render never finished (the request was dropped, or the
/// render panicked), so the next request renders instead of waiting for nothing.
struct FlightGuard {
    cache: Arc<PageCache>,
    key: String,
    flight: u64,
    finished: bool,
}

impl Drop for FlightGuard {
    fn drop(&mut self) {
        if !self.finished {
            self.cache.finish(&self.key, self.flight, None);
        }
    }
}

/// Resets an entry's refreshing mark if its background render never finished.
struct RefreshGuard(Arc<Entry>);

impl Drop for RefreshGuard {
    fn drop(&mut self) {
        self.0.refreshing.store(false, Ordering::Release);
    }
}

/// Splits `body` at every occurrence of `nonce` (the nonce itself left out).
fn split_at_nonce(body: &Bytes, nonce: &str) -> Vec<Bytes> {
    let needle = nonce.as_bytes();
    let mut pieces = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while !needle.is_empty() && i + needle.len() <= body.len() {
        if &body[i..i + needle.len()] == needle {
            pieces.push(body.slice(start..i));
            i += needle.len();
            start = i;
        } else {
            i += 1;
        }
    }
    pieces.push(body.slice(start..));
    pieces
}

/// The stored page with `nonce` where the old one was.
fn join_with_nonce(pieces: &[Bytes], nonce: &str) -> Bytes {
    if let [only] = pieces {
        return only.clone();
    }
    let size = pieces.iter().map(Bytes::len).sum::<usize>() + nonce.len() * (pieces.len() - 1);
    let mut out = Vec::with_capacity(size);
    for (i, piece) in pieces.iter().enumerate() {
        if i > 0 {
            out.extend_from_slice(nonce.as_bytes());
        }
        out.extend_from_slice(piece);
    }
    Bytes::from(out)
}

fn respond(entry: &Entry, nonce: &str, how: &'static str) -> Response {
    // A nonce of another length is never spliced in (it would be a different scheme).
    let body = if nonce.len() == entry.nonce_len {
        join_with_nonce(&entry.pieces, nonce)
    } else {
        return Response::builder()
            .status(StatusCode::SERVICE_UNAVAILABLE)
            .body(Body::empty())
            .unwrap_or_default();
    };
    let mut response = Response::new(Body::from(body));
    *response.headers_mut() = entry.headers.clone();
    response
        .headers_mut()
        .insert(CACHE_HEADER, HeaderValue::from_static(how));
    response
}

/// What a post to `path` changed, from the server function's name and what it said.
fn changed_by(path: &str, response: &Response) -> Changed {
    // A refused or failed change changed nothing.
    if response.status().is_client_error() || response.status().is_server_error() {
        return Changed::Nothing;
    }
    let Some(name) = path.strip_prefix("/api/") else {
        return Changed::Everything; // uploads
    };
    let declared = response
        .headers()
        .get(app::page_tags::HEADER)
        .and_then(|v| v.to_str().ok())
        .map(|v| v.split_whitespace().map(str::to_string).collect::<Vec<_>>());
    match name {
        // They say what they changed; saying nothing means nothing changed (a mistake).
        "sign_up"
        | "cancel_registration"
        | "vote_topic"
        | "suggest_topic"
        | "send_my_registrations"
        | "propose_opgave"
        | "support_proposal"
        | "confirm_proposal"
        | "report_proposal"
        | "follow"
        | "confirm_follow"
        | "change_follow"
        | "stop_follow"
        | "unsubscribe_all" => declared.map_or(Changed::Nothing, Changed::Tags),
        // No anonymous page shows who is logged in (logged-in visitors skip the cache).
        "login" | "logout" | "logout_everywhere" | "change_own_password" | "set_password" => {
            Changed::Nothing
        }
        name if is_read(name) => Changed::Nothing,
        _ => declared.map_or(Changed::Everything, Changed::Tags),
    }
}

/// Server functions that only read (posts because server functions are posts).
fn is_read(name: &str) -> bool {
    const READS: [&str; 14] = [
        "area_filter_choices",
        "area_map",
        "archived_areas",
        "area_story_history",
        "can_import",
        "compare_areas",
        "library_item_history",
        "library_overview",
        "recent_activation",
        "retention_period",
        "search_library",
        "session_attendees",
        "setup_checklist",
        "topic_form",
    ];
    ["get_", "list_", "load_"]
        .iter()
        .any(|p| name.starts_with(p))
        || name == "whoami"
        || READS.contains(&name)
}

/// Pages reached by a personal link, and forms brought back with what someone typed
/// (`?concept=`): never kept, whoever asks.
fn is_personal_page(path: &str, query: Option<&str>) -> bool {
    path.starts_with("/aanmelding/")
        || path.starts_with("/wachtwoord/")
        || path.starts_with("/volgen/")
        || path.starts_with("/voorstellen/")
        || query.is_some_and(|q| q.split('&').any(|pair| pair.starts_with("concept=")))
}

/// Renders through `next` and turns a storable answer into an entry.
async fn render(
    request: Request,
    next: Next,
    key: &str,
    nonce: &str,
) -> (Response, Option<Arc<Entry>>) {
    let response = next.run(request).await;
    let cacheable = response.status() == StatusCode::OK
        && !response.headers().contains_key(header::SET_COOKIE)
        && response
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("text/html"));
    if !cacheable {
        return (response, None);
    }
    let (parts, body) = response.into_parts();
    let Ok(bytes) = to_bytes(body, MAX_BODY).await else {
        // Too large to keep (or broken): the page cannot be sent twice, so say so.
        log::warn!("page {key} could not be buffered for the page cache");
        let mut failed = Response::new(Body::from("De pagina kon niet worden verstuurd."));
        *failed.status_mut() = StatusCode::INTERNAL_SERVER_ERROR;
        return (failed, None);
    };
    let mut headers = parts.headers.clone();
    headers.remove(header::CONTENT_LENGTH);
    let entry = Arc::new(Entry {
        stored_at: Instant::now(),
        headers,
        pieces: split_at_nonce(&bytes, nonce),
        nonce_len: nonce.len(),
        refreshing: AtomicBool::new(false),
    });
    let mut response = Response::from_parts(parts, Body::from(bytes));
    response
        .headers_mut()
        .insert(CACHE_HEADER, HeaderValue::from_static("miss"));
    (response, Some(entry))
}

pub async fn cache_pages(
    State(cache): State<Arc<PageCache>>,
    request: Request,
    next: Next,
) -> Response {
    let method = request.method().clone();
    if method != Method::GET && method != Method::HEAD {
        let path = request.uri().path().to_string();
        let mut response = next.run(request).await;
        // After the change is done, so no render of the old data can be stored after it
        // (a render under way for an affected page loses its slot and is not stored).
        cache.forget(&changed_by(&path, &response));
        response.headers_mut().remove(app::page_tags::HEADER);
        return response;
    }
    // Logged in, or a voter on the topics page (which shows what they voted for).
    let path = request.uri().path();
    let logged_in = request
        .headers()
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .any(|value| {
            token_from_cookie_header(value).is_some()
                || app::sessions::topics::is_personal_request(path, value)
        });
    let nonce = request.extensions().get::<CspNonce>().map(|n| n.0.clone());
    let (Some(nonce), false, false, Method::GET) = (
        nonce,
        logged_in,
        is_personal_page(path, request.uri().query()),
        method,
    ) else {
        return next.run(request).await;
    };
    let key = request.uri().to_string();

    enum Found {
        Serve(Arc<Entry>, &'static str),
        Refresh(Arc<Entry>),
        Wait(watch::Receiver<Option<Arc<Entry>>>),
        Render(u64, watch::Sender<Option<Arc<Entry>>>),
    }
    let found = {
        let mut slots = cache.lock();
        match slots.get(&key) {
            Some(Slot::Ready(entry)) if entry.stored_at.elapsed() < cache.fresh_for => {
                Found::Serve(entry.clone(), "hit")
            }
            Some(Slot::Ready(entry))
                if entry.stored_at.elapsed() < cache.fresh_for + cache.stale_for =>
            {
                if entry.refreshing.swap(true, Ordering::AcqRel) {
                    Found::Serve(entry.clone(), "stale")
                } else {
                    Found::Refresh(entry.clone())
                }
            }
            Some(Slot::Rendering { done, .. }) => Found::Wait(done.clone()),
            _ => {
                let flight = cache.flights.fetch_add(1, Ordering::Relaxed);
                let (tx, rx) = watch::channel(None);
                slots.insert(key.clone(), Slot::Rendering { flight, done: rx });
                Found::Render(flight, tx)
            }
        }
    };
    match found {
        Found::Serve(entry, how) => respond(&entry, &nonce, how),
        Found::Refresh(old) => {
            // This request gets the stored page; its render replaces it in the background.
            let response = respond(&old, &nonce, "stale");
            let cache = cache.clone();
            tokio::spawn(async move {
                let _guard = RefreshGuard(old.clone());
                let (_, entry) = render(request, next, &key, &nonce).await;
                cache.refreshed(&key, &old, entry);
            });
            response
        }
        Found::Wait(mut done) => {
            // Another request renders this page: wait for it rather than render it again.
            let rendered = match done.wait_for(Option::is_some).await {
                Ok(entry) => entry.clone(),
                Err(_) => None,
            };
            match rendered {
                Some(entry) => respond(&entry, &nonce, "wait"),
                // That render was not storable (or never finished): render for this one.
                None => next.run(request).await,
            }
        }
        Found::Render(flight, tx) => {
            let mut guard = FlightGuard {
                cache: cache.clone(),
                key: key.clone(),
                flight,
                finished: false,
            };
            let (response, entry) = render(request, next, &key, &nonce).await;
            cache.finish(&key, flight, entry.clone());
            guard.finished = true;
            // Waiting requests get this render (also when a change made it unstorable:
            // they asked before the change was done).
            let _ = tx.send(entry);
            response
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::{routing::get, Router};
    use std::sync::atomic::AtomicUsize;
    use tower::ServiceExt;

    /// The middleware in front of a page that counts its renders and says which one it is.
    fn app(cache: Arc<PageCache>, renders: Arc<AtomicUsize>) -> Router {
        Router::new()
            .route(
                "/",
                get(
                    move |axum::Extension(CspNonce(nonce)): axum::Extension<CspNonce>| {
                        let renders = renders.clone();
                        async move {
                            let n = renders.fetch_add(1, Ordering::SeqCst) + 1;
                            tokio::time::sleep(Duration::from_millis(20)).await;
                            (
                                [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
                                format!("<p nonce=\"{nonce}\">render {n}</p>"),
                            )
                        }
                    },
                ),
            )
            .layer(axum::middleware::from_fn_with_state(cache, cache_pages))
    }

    /// A visit with its own nonce `nonce`.
    async fn visit(app: &Router, nonce: &str) -> (String, String) {
        let mut request = Request::builder().uri("/").body(Body::empty()).unwrap();
        request.extensions_mut().insert(CspNonce(nonce.into()));
        let response = app.clone().oneshot(request).await.unwrap();
        let how = response.headers()[&CACHE_HEADER]
            .to_str()
            .unwrap()
            .to_string();
        let body = to_bytes(response.into_body(), 1024).await.unwrap();
        (how, String::from_utf8(body.to_vec()).unwrap())
    }

    #[tokio::test]
    async fn a_stale_page_is_served_while_one_request_renders_it_again() {
        let renders = Arc::new(AtomicUsize::new(0));
        let app = app(
            PageCache::with_ages(Duration::from_millis(50), Duration::from_secs(60)),
            renders.clone(),
        );
        let page = |nonce: &str, n: u32| format!("<p nonce=\"{nonce}\">render {n}</p>");
        assert_eq!(visit(&app, "n001").await, ("miss".into(), page("n001", 1)));
        assert_eq!(visit(&app, "n002").await, ("hit".into(), page("n002", 1)));
        tokio::time::sleep(Duration::from_millis(60)).await;
        // Stale: the old page at once, for every request, while one render runs.
        assert_eq!(visit(&app, "n003").await, ("stale".into(), page("n003", 1)));
        assert_eq!(visit(&app, "n004").await, ("stale".into(), page("n004", 1)));
        tokio::time::sleep(Duration::from_millis(40)).await;
        assert_eq!(visit(&app, "n005").await, ("hit".into(), page("n005", 2)));
        assert_eq!(renders.load(Ordering::SeqCst), 2);
    }

    #[tokio::test]
    async fn posts_change_what_they_say_and_reads_nothing() {
        let ok = || Response::new(Body::empty());
        assert_eq!(changed_by("/api/get_area_profile", &ok()), Changed::Nothing);
        assert_eq!(changed_by("/api/login", &ok()), Changed::Nothing);
        assert_eq!(changed_by("/api/save_area", &ok()), Changed::Everything);
        assert_eq!(
            changed_by("/kennisbank/x/bijlagen", &ok()),
            Changed::Everything
        );
        assert_eq!(changed_by("/api/sign_up", &ok()), Changed::Nothing);
        let mut declared = ok();
        declared.headers_mut().insert(
            HeaderName::from_static(app::page_tags::HEADER),
            HeaderValue::from_static("session:a agenda"),
        );
        assert_eq!(
            changed_by("/api/sign_up", &declared),
            Changed::Tags(vec!["session:a".into(), "agenda".into()])
        );
        let mut refused = ok();
        *refused.status_mut() = StatusCode::FORBIDDEN;
        assert_eq!(changed_by("/api/save_area", &refused), Changed::Nothing);
    }

    #[test]
    fn every_nonce_is_replaced() {
        let body = Bytes::from_static(
            b"<script nonce=\"abc\">x</script><script nonce=\"abc\"></script>abab",
        );
        let pieces = split_at_nonce(&body, "abc");
        assert_eq!(pieces.len(), 3);
        assert_eq!(
            join_with_nonce(&pieces, "xyz"),
            Bytes::from_static(
                b"<script nonce=\"xyz\">x</script><script nonce=\"xyz\"></script>abab"
            )
        );
        let plain = Bytes::from_static(b"no scripts here");
        assert_eq!(
            join_with_nonce(&split_at_nonce(&plain, "abc"), "xyz"),
            plain
        );
    }
}
