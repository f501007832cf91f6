//! Password hashing with argon2id (server only). Passwords are never stored or logged.

use argon2::password_hash::{
    rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString,
};
use argon2::Argon2;

pub const MIN_LENGTH: usize = 10;
pub const MAX_LENGTH: usize = 200;

/// Hashes a password into a PHC string (`$argon2id$…`) with a fresh random salt.
pub fn hash(password: &str) -> String {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .expect("argon2 with default parameters cannot fail on valid input")
        .to_string()
}

/// Whether `password` matches the stored hash. A malformed hash never matches.
pub fn verify(password: &str, stored: &str) -> bool {
    match PasswordHash::new(stored) {
        Ok(parsed) => Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok(),
        Err(_) => false,
    }
}

/// A Dutch message when the password is not acceptable.
pub fn check_strength(password: &str) -> Result<(), String> {
    let length = password.chars().count();
    if length < MIN_LENGTH {
        return Err(format!(
            "Kies een wachtwoord van minstens {MIN_LENGTH} tekens."
        ));
    }
    if length > MAX_LENGTH {
        return Err(format!(
            "Kies een wachtwoord van hoogstens {MAX_LENGTH} tekens."
        ));
    }
    Ok(())
}

/// A hash of a random password, to spend the same time on unknown accounts as on known ones.
pub fn dummy_hash() -> &'static str {
    static DUMMY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DUMMY.get_or_init(|| hash("no account has this password"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_verify_and_never_contain_the_password() {
        let stored = hash("correct horse battery");
        assert!(stored.starts_with("$argon2id$"));
        assert!(!stored.contains("correct horse"));
        assert!(verify("correct horse battery", &stored));
        assert!(!verify("wrong horse battery", &stored));
        assert!(!verify("anything", "not a hash"));
        assert_ne!(stored, hash("correct horse battery"), "salts differ");
    }

    #[test]
    fn strength() {
        assert!(check_strength("kort").is_err());
        assert!(check_strength("lang genoeg wachtwoord").is_ok());
        assert!(check_strength(&"x".repeat(201)).is_err());
    }
}
