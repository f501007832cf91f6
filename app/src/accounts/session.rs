//! Server-side sessions: random tokens in an HttpOnly cookie, their hashes in SQLite.

use sha2::{Digest, Sha256};

pub const COOKIE_NAME: &str = "kernpunt_sessie";
/// Logged out after this long without a request.
pub const IDLE_TIMEOUT_SECS: i64 = 8 * 60 * 60;
/// Logged out this long after logging in, however active.
pub const ABSOLUTE_TIMEOUT_SECS: i64 = 7 * 24 * 60 * 60;
/// How long a session that ran out is remembered. It grants nothing; it only says whose
/// text a refused post was, so that text can wait as a draft until they log in again.
pub const LAPSED_GRACE_SECS: i64 = 24 * 60 * 60;

/// 256 random bits as hex: unguessable, and safe in a cookie or URL.
pub fn new_token() -> String {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).expect("the operating system's random source is available");
    hex(&bytes)
}

/// What is stored instead of the token itself.
pub fn token_hash(token: &str) -> String {
    hex(&Sha256::digest(token.as_bytes()))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

pub fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

/// Whether a session is still valid at `now`.
pub fn is_live(created_at: i64, last_seen: i64, now: i64) -> bool {
    now - last_seen < IDLE_TIMEOUT_SECS && now - created_at < ABSOLUTE_TIMEOUT_SECS
}

/// Whether a session that is no longer live ran out less than [`LAPSED_GRACE_SECS`] ago.
pub fn is_recently_lapsed(created_at: i64, last_seen: i64, now: i64) -> bool {
    !is_live(created_at, last_seen, now)
        && is_live(
            created_at.saturating_add(LAPSED_GRACE_SECS),
            last_seen.saturating_add(LAPSED_GRACE_SECS),
            now,
        )
}

/// The `Set-Cookie` value for an HttpOnly token cookie on the whole site (`Secure` over https).
pub fn token_cookie(name: &str, token: &str, max_age: i64, secure: bool) -> String {
    format!(
        "{name}={token}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age}{}",
        if secure { "; Secure" } else { "" }
    )
}

/// The value of the token cookie `name` in a `Cookie` request header, if it looks like one
/// of our tokens (64 hex digits).
pub fn named_token_from_cookie_header<'a>(header: &'a str, name: &str) -> Option<&'a str> {
    header.split(';').find_map(|pair| {
        let (key, value) = pair.trim().split_once('=')?;
        (key == name && value.len() == 64 && value.bytes().all(|b| b.is_ascii_hexdigit()))
            .then_some(value)
    })
}

/// The `Set-Cookie` value that starts a session.
pub fn cookie(token: &str, secure: bool) -> String {
    token_cookie(COOKIE_NAME, token, ABSOLUTE_TIMEOUT_SECS, secure)
}

/// The `Set-Cookie` value that removes the session cookie.
pub fn removal_cookie(secure: bool) -> String {
    token_cookie(COOKIE_NAME, "", 0, secure)
}

/// Finds the session token in a `Cookie` request header.
pub fn token_from_cookie_header(header: &str) -> Option<&str> {
    named_token_from_cookie_header(header, COOKIE_NAME)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_long_random_and_stored_hashed() {
        let a = new_token();
        let b = new_token();
        assert_eq!(a.len(), 64);
        assert_ne!(a, b);
        assert_ne!(token_hash(&a), a);
        assert_eq!(token_hash(&a), token_hash(&a));
    }

    #[test]
    fn timeouts() {
        let start = 1_000_000;
        assert!(is_live(start, start, start + 60));
        assert!(!is_live(start, start, start + IDLE_TIMEOUT_SECS));
        // Active all week, still logged out after seven days.
        assert!(!is_live(
            start,
            start + ABSOLUTE_TIMEOUT_SECS,
            start + ABSOLUTE_TIMEOUT_SECS + 1
        ));
    }

    #[test]
    fn cookie_attributes_and_parsing() {
        let token = new_token();
        let set = cookie(&token, true);
        for part in ["HttpOnly", "SameSite=Lax", "Path=/", "Secure"] {
            assert!(set.contains(part), "{set}");
        }
        assert!(!cookie(&token, false).contains("Secure"));
        let header = format!("other=1; {COOKIE_NAME}={token}; x=y");
        assert_eq!(token_from_cookie_header(&header), Some(token.as_str()));
        assert_eq!(token_from_cookie_header("kernpunt_sessie=../../etc"), None);
    }
}
