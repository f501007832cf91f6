//! A cache of rendered pages for visitors who are not logged in.
//!
//! Most traffic is anonymous and every anonymous visitor sees the same HTML for a URL, so
//! rendering it once and serving the bytes again is what makes a profile page fast. Rules:
//! - only GET requests without a session cookie (or a voter cookie on the topics page), and only `200 text/html` responses without
//!   `Set-Cookie`, are stored;
//! - any request that is not GET or HEAD (every change goes through one) empties the cache,
//!   and an entry lives at most [`MAX_AGE`] so changes made outside this process (the CLI,
//!   the date rolling over) show up soon;
//! - each response gets the current request's CSP nonce: the stored page's nonce is replaced.

use app::accounts::session::token_from_cookie_header;
use app::csp::CspNonce;
use axum::{
    body::{to_bytes, Body, Bytes},
    extract::{Request, State},
    http::{header, HeaderMap, Method, StatusCode},
    middleware::Next,
    response::Response,
};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How long a stored page may be served.
pub const MAX_AGE: Duration = Duration::from_secs(60);
/// Most pages kept; URLs with arbitrary query strings must not fill the memory.
pub const MAX_ENTRIES: usize = 512;
/// Largest page kept.
const MAX_BODY: usize = 4 * 1024 * 1024;

struct Entry {
    stored_at: Instant,
    headers: HeaderMap,
    /// The page cut at every occurrence of its nonce (found once, when stored), so serving
    /// it again is one copy with the new nonce in the gaps.
    pieces: Vec<Bytes>,
    nonce_len: usize,
}

#[derive(Default)]
pub struct PageCache {
    entries: Mutex<HashMap<String, Arc<Entry>>>,
}

impl PageCache {
    pub fn new() -> Arc<PageCache> {
        Arc::new(PageCache::default())
    }

    fn get(&self, key: &str) -> Option<Arc<Entry>> {
        let entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        entries
            .get(key)
            .filter(|entry| entry.stored_at.elapsed() < MAX_AGE)
            .cloned()
    }

    fn put(&self, key: String, entry: Entry) {
        let mut entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        if entries.len() >= MAX_ENTRIES {
            entries.retain(|_, e| e.stored_at.elapsed() < MAX_AGE);
            if entries.len() >= MAX_ENTRIES {
                return;
            }
        }
        entries.insert(key, Arc::new(entry));
    }

    fn clear(&self) {
        self.entries
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clear();
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

fn respond(entry: &Entry, nonce: &str) -> Response {
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
}

pub async fn cache_pages(
    State(cache): State<Arc<PageCache>>,
    request: Request,
    next: Next,
) -> Response {
    let method = request.method().clone();
    if method != Method::GET && method != Method::HEAD {
        let response = next.run(request).await;
        // After the change is done, so no render of the old data can be stored after it.
        cache.clear();
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
    let (Some(nonce), false, Method::GET) = (nonce, logged_in, method) else {
        return next.run(request).await;
    };
    let key = request.uri().to_string();
    if let Some(entry) = cache.get(&key) {
        return respond(&entry, &nonce);
    }
    let response = next.run(request).await;
    let cacheable = response.status() == StatusCode::OK
        && !response.headers().contains_key(header::SET_COOKIE)
        && response
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("text/html"));
    if !cacheable {
        return response;
    }
    let (parts, body) = response.into_parts();
    let Ok(bytes) = to_bytes(body, MAX_BODY).await else {
        // Too large to keep (or broken): the page cannot be sent twice, so say so.
        log::warn!("page {key} could not be buffered for the page cache");
        let mut failed = Response::new(Body::from("De pagina kon niet worden verstuurd."));
        *failed.status_mut() = StatusCode::INTERNAL_SERVER_ERROR;
        return failed;
    };
    let mut headers = parts.headers.clone();
    headers.remove(header::CONTENT_LENGTH);
    cache.put(
        key,
        Entry {
            stored_at: Instant::now(),
            headers,
            pieces: split_at_nonce(&bytes, &nonce),
            nonce_len: nonce.len(),
        },
    );
    Response::from_parts(parts, Body::from(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

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
