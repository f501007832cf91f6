//! The Content-Security-Policy of pages (server only).
//!
//! The server's middleware makes a fresh nonce for every request, puts it in the request's
//! extensions and sends the policy header; the page's inline hydration scripts get the same
//! nonce through [`provide_request_nonce`]. Only scripts carrying it may run.

use leptos::prelude::*;

/// The nonce of this request, as chosen by the middleware.
#[derive(Clone, Debug)]
pub struct CspNonce(pub String);

/// The policy for HTML pages: this origin only, plus inline scripts with the nonce.
/// `wasm-unsafe-eval` lets the browser compile the app's WASM.
pub fn page_policy(nonce: &str) -> String {
    format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; style-src 'self'; \
         img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; \
         base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
    )
}

/// Hands the request's nonce to Leptos, which puts it on the scripts it writes.
pub fn provide_request_nonce() {
    let nonce = use_context::<http::request::Parts>()
        .and_then(|parts| parts.extensions.get::<CspNonce>().cloned());
    match nonce {
        Some(CspNonce(nonce)) => provide_context(leptos::nonce::Nonce::from_value(nonce)),
        None => log::warn!("page rendered without a CSP nonce; its scripts will be blocked"),
    }
}
