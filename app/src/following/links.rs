//! A follower's personal links (manage page, one-click unsubscribe) without storing them:
//! the token is `<id>-<HMAC-SHA256(key, "follower:<id>:<generation>")>`, with the key made
//! once by the migration. Every mail can carry a link, none is kept, and raising the
//! follower's `link_generation` makes all earlier links invalid.

use sha2::{Digest, Sha256};
use sqlx::SqlitePool;

/// HMAC-SHA256 (RFC 2104).
pub fn hmac_sha256(key: &[u8], message: &[u8]) -> [u8; 32] {
    let mut block = [0u8; 64];
    if key.len() > 64 {
        block[..32].copy_from_slice(&Sha256::digest(key));
    } else {
        block[..key.len()].copy_from_slice(key);
    }
    let pad = |byte: u8| block.map(|b| b ^ byte);
    let inner = Sha256::new()
        .chain_update(pad(0x36))
        .chain_update(message)
        .finalize();
    Sha256::new()
        .chain_update(pad(0x5c))
        .chain_update(inner)
        .finalize()
        .into()
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The key links are made with.
pub async fn key(pool: &SqlitePool) -> Result<Vec<u8>, sqlx::Error> {
    sqlx::query_scalar("SELECT value FROM site_secrets WHERE name = 'follow_links'")
        .fetch_one(pool)
        .await
}

/// The token of a follower's links.
pub fn token(key: &[u8], follower_id: i64, generation: i64) -> String {
    let mac = hmac_sha256(
        key,
        format!("follower:{follower_id}:{generation}").as_bytes(),
    );
    format!("{follower_id}-{}", hex(&mac))
}

/// The follower id a token claims; to be checked with [`is_valid`].
pub fn claimed_id(token: &str) -> Option<i64> {
    let (id, mac) = token.split_once('-')?;
    (mac.len() == 64 && mac.bytes().all(|b| b.is_ascii_hexdigit()))
        .then(|| id.parse().ok())
        .flatten()
}

/// Whether `token` is the current token of that follower (compared in constant time).
pub fn is_valid(key: &[u8], token: &str, follower_id: i64, generation: i64) -> bool {
    let expected = self::token(key, follower_id, generation);
    expected.len() == token.len()
        && expected
            .bytes()
            .zip(token.bytes())
            .fold(0u8, |diff, (a, b)| diff | (a ^ b))
            == 0
}

pub fn unsubscribe_path(token: &str) -> String {
    format!("{}/afmelden/{token}", super::PAGE_PATH)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hmac_matches_rfc_4231() {
        // Test case 2.
        assert_eq!(
            hex(&hmac_sha256(b"Jefe", b"what do ya want for nothing?")),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
        // Test case 6: a key longer than a block.
        assert_eq!(
            hex(&hmac_sha256(
                &[0xaa; 131],
                b"Test Using Larger Than Block-Size Key - Hash Key First"
            )),
            "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"
        );
    }

    #[test]
    fn tokens_are_tied_to_follower_and_generation() {
        let key = [7u8; 32];
        let token = token(&key, 42, 0);
        assert_eq!(claimed_id(&token), Some(42));
        assert!(is_valid(&key, &token, 42, 0));
        assert!(
            !is_valid(&key, &token, 42, 1),
            "a new generation ends old links"
        );
        assert!(!is_valid(&key, &token, 43, 0));
        assert!(!is_valid(&[8u8; 32], &token, 42, 0));
        let forged = token.replacen("42-", "43-", 1);
        assert!(!is_valid(&key, &forged, 43, 0));
        assert_eq!(claimed_id("42-zz"), None);
        assert_eq!(claimed_id("x-".to_string().as_str()), None);
    }
}
