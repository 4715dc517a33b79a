//! Time-based one-time passwords (RFC 6238) for staff's second factor: the six-digit codes of
//! authenticator apps.

use hmac::{Hmac, Mac as _};
use sha1::Sha1;

/// Codes change every 30 seconds; one step either side is accepted for clocks that drift.
const STEP_SECONDS: i64 = 30;
const DRIFT_STEPS: i64 = 1;

/// Decodes an RFC 4648 base32 secret (as authenticator apps show it), ignoring spaces, case and
/// padding.
pub fn decode_secret(secret: &str) -> Option<Vec<u8>> {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    let mut bits: u64 = 0;
    let mut count = 0;
    let mut out = Vec::new();
    for c in secret.chars().filter(|c| !c.is_whitespace() && *c != '=') {
        let value = ALPHABET
            .iter()
            .position(|&a| char::from(a) == c.to_ascii_uppercase())?;
        bits = (bits << 5) | u64::try_from(value).ok()?;
        count += 5;
        if count >= 8 {
            count -= 8;
            out.push(u8::try_from((bits >> count) & 0xff).ok()?);
        }
    }
    (!out.is_empty()).then_some(out)
}

/// The code for a secret at a 30-second step, with `digits` digits.
fn code_at(secret: &[u8], step: u64, digits: u32) -> Option<u32> {
    let mut mac = Hmac::<Sha1>::new_from_slice(secret).ok()?;
    mac.update(&step.to_be_bytes());
    let digest = mac.finalize().into_bytes();
    let offset = usize::from(digest[19] & 0x0f);
    let slice: [u8; 4] = digest[offset..offset + 4].try_into().ok()?;
    let number = u32::from_be_bytes(slice) & 0x7fff_ffff;
    Some(number % 10_u32.pow(digits))
}

/// The 30-second step at which `code` is right for the base32 `secret`, looking one step either
/// side of `now` (seconds since 1970), if it is right at all. Only steps after `used_up_to` count,
/// so that a code cannot be used twice.
pub fn matching_step(secret: &str, code: &str, now: i64, used_up_to: i64) -> Option<i64> {
    let code = code.trim().replace(' ', "");
    let (Some(secret), Ok(wanted)) = (decode_secret(secret), code.parse::<u32>()) else {
        return None;
    };
    if code.len() != 6 {
        return None;
    }
    let step = now.div_euclid(STEP_SECONDS);
    (step - DRIFT_STEPS..=step + DRIFT_STEPS)
        .filter(|&s| s > used_up_to)
        .find(|&s| {
            u64::try_from(s)
                .ok()
                .and_then(|s| code_at(&secret, s, 6))
                .is_some_and(|c| c == wanted)
        })
}

/// Whether `code` is right for the base32 `secret` at `now` (seconds since 1970), ignoring
/// whether it was used before: the tests' view of the algorithm.
#[cfg(test)]
fn verify(secret: &str, code: &str, now: i64) -> bool {
    matching_step(secret, code, now, i64::MIN).is_some()
}

#[cfg(test)]
pub fn code_now(secret: &str, now: i64) -> String {
    let secret = decode_secret(secret).expect("valid secret");
    let step = u64::try_from(now.div_euclid(STEP_SECONDS)).expect("after 1970");
    format!("{:06}", code_at(&secret, step, 6).expect("code"))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 6238 appendix B: SHA-1 with the ASCII secret "12345678901234567890".
    #[test]
    fn matches_the_rfc_test_vectors() {
        let secret = b"12345678901234567890";
        for (time, expected) in [
            (59_u64, 94_287_082_u32),
            (1_111_111_109, 7_081_804),
            (1_111_111_111, 14_050_471),
            (1_234_567_890, 89_005_924),
            (2_000_000_000, 69_279_037),
        ] {
            assert_eq!(code_at(secret, time / 30, 8), Some(expected), "{time}");
        }
    }

    #[test]
    fn decodes_base32_as_authenticator_apps_show_it() {
        assert_eq!(
            decode_secret("JBSWY3DPEHPK3PXP"),
            Some(b"Hello!\xde\xad\xbe\xef".to_vec())
        );
        assert_eq!(
            decode_secret("jbsw y3dp ehpk 3pxp"),
            decode_secret("JBSWY3DPEHPK3PXP")
        );
        assert_eq!(decode_secret("not base32!"), None);
    }

    #[test]
    fn accepts_the_current_code_and_one_step_either_side_only() {
        let secret = "JBSWY3DPEHPK3PXP";
        let now = 1_700_000_000;
        assert!(verify(secret, &code_now(secret, now), now));
        assert!(verify(secret, &code_now(secret, now - 30), now));
        assert!(verify(secret, &code_now(secret, now + 30), now));
        assert!(!verify(secret, &code_now(secret, now - 90), now));
        assert!(!verify(secret, "12345", now));
        assert!(!verify(secret, "abcdef", now));
    }

    #[test]
    fn a_code_cannot_be_used_twice() {
        let secret = "JBSWY3DPEHPK3PXP";
        let now = 1_700_000_000;
        let code = code_now(secret, now);
        let step = matching_step(secret, &code, now, 0).expect("right code");
        assert_eq!(matching_step(secret, &code, now, step), None);
        assert_eq!(
            matching_step(secret, &code_now(secret, now + 30), now, step),
            Some(step + 1)
        );
    }
}

/// Encodes a secret in base32 for people to type or scan into an authenticator app.
pub fn encode_secret(bytes: &[u8]) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    let mut out = String::new();
    let mut bits: u64 = 0;
    let mut count = 0;
    for &byte in bytes {
        bits = (bits << 8) | u64::from(byte);
        count += 8;
        while count >= 5 {
            count -= 5;
            out.push(char::from(
                ALPHABET[usize::try_from((bits >> count) & 31).unwrap_or(0)],
            ));
        }
    }
    if count > 0 {
        out.push(char::from(
            ALPHABET[usize::try_from((bits << (5 - count)) & 31).unwrap_or(0)],
        ));
    }
    out
}

/// A new random secret (160 bits, as RFC 4226 recommends), base32-encoded.
pub fn new_secret() -> Result<String, getrandom::Error> {
    let mut bytes = [0_u8; 20];
    getrandom::getrandom(&mut bytes)?;
    Ok(encode_secret(&bytes))
}

#[cfg(test)]
mod encoding_tests {
    use super::*;

    #[test]
    fn encoding_and_decoding_round_trip() {
        let secret = new_secret().expect("random");
        assert_eq!(secret.len(), 32);
        let bytes = decode_secret(&secret).expect("decodes");
        assert_eq!(encode_secret(&bytes), secret);
        assert_eq!(encode_secret(b"Hello!\xde\xad\xbe\xef"), "JBSWY3DPEHPK3PXP");
    }
}
