//! Random tokens and ids, and password hashes.

use argon2::Argon2;
use base64::Engine as _;
use password_hash::{PasswordHash, PasswordHasher as _, PasswordVerifier as _, SaltString};
use portal_core::account::NewPassword;
use sha2::{Digest as _, Sha256};

/// Random bytes from the operating system. Failing to get them means the machine cannot do
/// anything securely, so the caller turns this into a server error.
fn random_bytes<const N: usize>() -> Result<[u8; N], getrandom::Error> {
    let mut bytes = [0_u8; N];
    getrandom::getrandom(&mut bytes)?;
    Ok(bytes)
}

/// A session token: 256 random bits, URL-safe. Only its hash is stored.
pub fn new_token() -> Result<String, getrandom::Error> {
    Ok(base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(random_bytes::<32>()?))
}

/// A record id: 128 random bits in hex.
pub fn new_id() -> Result<String, getrandom::Error> {
    Ok(hex(&random_bytes::<16>()?))
}

/// What the database keeps of a token: its SHA-256, so a copy of the database cannot be used to
/// sign in. Tokens are long and random, so a fast hash is enough.
pub fn token_hash(token: &str) -> String {
    hex(&Sha256::digest(token.as_bytes()))
}

/// Bytes as lower-case hexadecimal.
pub fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write as _;
    bytes
        .iter()
        .fold(String::with_capacity(bytes.len() * 2), |mut s, b| {
            let _ = write!(s, "{b:02x}");
            s
        })
}

/// Hashes a password with Argon2id and a random salt (PHC string format).
pub fn hash_password(password: &NewPassword) -> Result<String, password_hash::Error> {
    let salt = SaltString::generate(&mut password_hash::rand_core::OsRng);
    Ok(Argon2::default()
        .hash_password(password.expose().as_bytes(), &salt)?
        .to_string())
}

/// Whether `candidate` matches a stored hash. A malformed hash never matches.
pub fn verify_password(stored_hash: &str, candidate: &str) -> bool {
    PasswordHash::new(stored_hash).is_ok_and(|hash| {
        Argon2::default()
            .verify_password(candidate.as_bytes(), &hash)
            .is_ok()
    })
}

/// A hash of a password nobody has, checked when the account does not exist so that a wrong
/// address takes as long to refuse as a wrong password (no hint about who has an account).
pub const DECOY_HASH: &str = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$N2mTxb9bCw3aBGKKKZhCGdNy8Xq6o5RBvP2M2uQ0qcI";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_and_ids_are_long_random_and_distinct() {
        let (a, b) = (new_token().expect("random"), new_token().expect("random"));
        assert_ne!(a, b);
        assert_eq!(a.len(), 43);
        assert_eq!(new_id().expect("random").len(), 32);
        assert_eq!(token_hash(&a), token_hash(&a));
        assert_ne!(token_hash(&a), token_hash(&b));
    }

    #[test]
    fn passwords_verify_only_against_their_own_hash() {
        let password = NewPassword::parse("kettle garden purple", "a@b.test").expect("valid");
        let hash = hash_password(&password).expect("hash");
        assert!(hash.starts_with("$argon2id$"));
        assert!(verify_password(&hash, "kettle garden purple"));
        assert!(!verify_password(&hash, "kettle garden purples"));
        assert!(!verify_password("not a hash", "kettle garden purple"));
        assert!(
            PasswordHash::new(DECOY_HASH).is_ok(),
            "the decoy must be a real hash"
        );
        assert!(!verify_password(DECOY_HASH, ""));
    }
}
