//! Survey answers waiting to join their survey's results, sealed with a key kept outside the
//! database.
//!
//! An anonymous answer does not join its survey's pool the moment it arrives: two copies of the
//! database taken either side of it would show one new answer and one carer newly marked as
//! having answered, and so link them. It waits, sealed, until enough others have arrived (see
//! `surveys::apply`). Sealed, a copy of the database shows that something is waiting but not
//! what, and every sealed answer is padded to a whole number of blocks so that its length does
//! not give it away either.
//!
//! The seal is AES-256 in counter mode, then HMAC-SHA256 over the nonce and the sealed bytes
//! (encrypt-then-MAC), each with its own key derived from one 32-byte secret. The secret is a
//! file in the data folder, or `PORTAL_SURVEY_KEY` when several servers share one database.

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use aes::Aes256;
use aes::cipher::{BlockEncrypt, KeyInit, generic_array::GenericArray};
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD_NO_PAD;
use hmac::{Hmac, Mac};
use sha2::Sha256;

type HmacSha256 = Hmac<Sha256>;

/// Every sealed answer is padded to a whole number of these.
const PAD_TO: usize = 1024;
const NONCE: usize = 12;
const TAG: usize = 32;
const BLOCK: usize = 16;

#[derive(Debug, thiserror::Error)]
pub enum SealError {
    #[error("no random numbers are available to seal a survey answer: {0}")]
    Random(getrandom::Error),
    #[error(
        "the survey key must be 64 hexadecimal characters (32 bytes); make one with `openssl rand -hex 32`"
    )]
    BadKey,
    #[error("the survey key file {path} cannot be read or made: {reason}")]
    KeyFile { path: PathBuf, reason: String },
    #[error(
        "a waiting survey answer could not be opened: it was damaged, or sealed with another survey key"
    )]
    Damaged,
    #[error("a survey answer is too long to seal")]
    TooLong,
}

/// The keys that seal and open waiting survey answers. Its `Debug` never shows them.
#[derive(Clone)]
pub struct SealKey {
    encrypt: [u8; 32],
    authenticate: [u8; 32],
}

impl std::fmt::Debug for SealKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SealKey(hidden)")
    }
}

impl SealKey {
    /// The two keys derived from one secret, so that the cipher and the check never share one.
    pub fn from_secret(secret: &[u8; 32]) -> Self {
        let derive = |label: &[u8]| -> [u8; 32] {
            let mut mac = mac_with(secret);
            mac.update(label);
            mac.finalize().into_bytes().into()
        };
        Self {
            encrypt: derive(b"portal survey answers: encrypt"),
            authenticate: derive(b"portal survey answers: authenticate"),
        }
    }

    /// A key nobody else knows: for a single server in a test, whose waiting answers need not
    /// outlive it.
    pub fn random() -> Result<Self, SealError> {
        let mut secret = [0_u8; 32];
        getrandom::getrandom(&mut secret).map_err(SealError::Random)?;
        Ok(Self::from_secret(&secret))
    }

    /// The key from 64 hexadecimal characters, as `PORTAL_SURVEY_KEY` and the key file hold it.
    pub fn parse_hex(text: &str) -> Result<Self, SealError> {
        let text = text.trim();
        if text.len() != 64 || !text.is_ascii() {
            return Err(SealError::BadKey);
        }
        let mut secret = [0_u8; 32];
        for (byte, pair) in secret.iter_mut().zip(text.as_bytes().chunks(2)) {
            let pair = std::str::from_utf8(pair).map_err(|_| SealError::BadKey)?;
            *byte = u8::from_str_radix(pair, 16).map_err(|_| SealError::BadKey)?;
        }
        Ok(Self::from_secret(&secret))
    }

    /// The key in `path`, made there (readable by this user only) the first time. Two servers
    /// starting together on one data folder agree on one key: each writes its own in full to a
    /// file of its own, and only the first to link theirs into place wins.
    pub fn load_or_create(path: &Path) -> Result<Self, SealError> {
        let failed = |e: std::io::Error| SealError::KeyFile {
            path: path.to_owned(),
            reason: e.to_string(),
        };
        match std::fs::read_to_string(path) {
            Ok(text) => return Self::parse_hex(&text),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(failed(e)),
        }
        let mut secret = [0_u8; 32];
        getrandom::getrandom(&mut secret).map_err(SealError::Random)?;
        let hex = secret.iter().fold(String::new(), |mut hex, b| {
            // Writing to a String cannot fail.
            let _ = write!(hex, "{b:02x}");
            hex
        });
        let draft = path.with_extension(format!("new-{}", &hex[..8]));
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        let written = options.open(&draft).and_then(|mut file| {
            file.write_all(format!("{hex}\n").as_bytes())?;
            file.sync_all()
        });
        let linked = written.and_then(|()| std::fs::hard_link(&draft, path));
        let _ = std::fs::remove_file(&draft);
        match linked {
            Ok(()) => Ok(Self::from_secret(&secret)),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                let text = std::fs::read_to_string(path).map_err(failed)?;
                Self::parse_hex(&text)
            }
            Err(e) => Err(failed(e)),
        }
    }

    /// `plain`, padded, encrypted and signed, as text for the database.
    pub fn seal(&self, plain: &[u8]) -> Result<String, SealError> {
        let length = u32::try_from(plain.len()).map_err(|_| SealError::TooLong)?;
        let framed_length = (4 + plain.len()).div_ceil(PAD_TO) * PAD_TO;
        let mut body = Vec::with_capacity(NONCE + framed_length + TAG);
        let mut nonce = [0_u8; NONCE];
        getrandom::getrandom(&mut nonce).map_err(SealError::Random)?;
        body.extend_from_slice(&nonce);
        body.extend_from_slice(&length.to_be_bytes());
        body.extend_from_slice(plain);
        body.resize(NONCE + framed_length, 0);
        self.apply_keystream(&nonce, &mut body[NONCE..])?;
        let tag = self.tag(&body);
        body.extend_from_slice(&tag);
        Ok(STANDARD_NO_PAD.encode(body))
    }

    /// What `seal` sealed, if this key sealed it and nothing has changed it since.
    pub fn open(&self, sealed: &str) -> Result<Vec<u8>, SealError> {
        let mut body = STANDARD_NO_PAD
            .decode(sealed)
            .map_err(|_| SealError::Damaged)?;
        if body.len() < NONCE + 4 + TAG {
            return Err(SealError::Damaged);
        }
        let tag = body.split_off(body.len() - TAG);
        let mut mac = mac_with(&self.authenticate);
        mac.update(&body);
        mac.verify_slice(&tag).map_err(|_| SealError::Damaged)?;
        let mut nonce = [0_u8; NONCE];
        nonce.copy_from_slice(&body[..NONCE]);
        self.apply_keystream(&nonce, &mut body[NONCE..])?;
        let mut length = [0_u8; 4];
        length.copy_from_slice(&body[NONCE..NONCE + 4]);
        let length = usize::try_from(u32::from_be_bytes(length)).map_err(|_| SealError::Damaged)?;
        let start = NONCE + 4;
        body.get(start..start + length)
            .map(<[u8]>::to_vec)
            .ok_or(SealError::Damaged)
    }

    fn tag(&self, body: &[u8]) -> [u8; TAG] {
        let mut mac = mac_with(&self.authenticate);
        mac.update(body);
        mac.finalize().into_bytes().into()
    }

    /// Counter mode: each 16-byte block is combined (exclusive or) with AES of the nonce and the block's number.
    /// The same call seals and opens.
    fn apply_keystream(&self, nonce: &[u8; NONCE], data: &mut [u8]) -> Result<(), SealError> {
        let cipher = Aes256::new(GenericArray::from_slice(&self.encrypt));
        for (number, chunk) in data.chunks_mut(BLOCK).enumerate() {
            let number = u32::try_from(number).map_err(|_| SealError::TooLong)?;
            let mut block = [0_u8; BLOCK];
            block[..NONCE].copy_from_slice(nonce);
            block[NONCE..].copy_from_slice(&number.to_be_bytes());
            let mut block = GenericArray::from(block);
            cipher.encrypt_block(&mut block);
            for (byte, key) in chunk.iter_mut().zip(block.iter()) {
                *byte ^= key;
            }
        }
        Ok(())
    }
}

fn mac_with(key: &[u8]) -> HmacSha256 {
    // HMAC takes a key of any length, so this cannot fail.
    <HmacSha256 as Mac>::new_from_slice(key).unwrap_or_else(|_| unreachable!())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key() -> SealKey {
        SealKey::parse_hex(&"0123456789abcdef".repeat(4)).expect("a key")
    }

    #[test]
    fn what_is_sealed_opens_with_the_same_key_only() {
        let sealed = key().seal(br#"{"fair":"agree"}"#).expect("sealed");
        assert_eq!(key().open(&sealed).expect("opens"), br#"{"fair":"agree"}"#);
        assert!(!sealed.contains("agree"));
        let other = SealKey::random().expect("a key");
        assert!(matches!(other.open(&sealed), Err(SealError::Damaged)));
    }

    #[test]
    fn a_changed_byte_is_noticed() {
        let sealed = key().seal(b"I agree").expect("sealed");
        let mut bytes = STANDARD_NO_PAD.decode(&sealed).expect("base64");
        bytes[NONCE + 1] ^= 1;
        let changed = STANDARD_NO_PAD.encode(bytes);
        assert!(matches!(key().open(&changed), Err(SealError::Damaged)));
        assert!(matches!(key().open("not sealed"), Err(SealError::Damaged)));
    }

    #[test]
    fn answers_of_different_lengths_look_alike_and_never_repeat() {
        let short = key().seal(b"Yes").expect("sealed");
        let long = key().seal(&[b'x'; 900]).expect("sealed");
        assert_eq!(short.len(), long.len(), "padded to the same size");
        assert_ne!(
            key().seal(b"Yes").expect("sealed"),
            short,
            "a fresh nonce each time"
        );
        let longer = key().seal(&[b'x'; 1100]).expect("sealed");
        assert_eq!(key().open(&longer).expect("opens").len(), 1100);
    }

    #[test]
    fn a_key_must_be_64_hexadecimal_characters() {
        assert!(matches!(SealKey::parse_hex("abc"), Err(SealError::BadKey)));
        assert!(matches!(
            SealKey::parse_hex(&"zz".repeat(32)),
            Err(SealError::BadKey)
        ));
        assert!(SealKey::parse_hex(&format!("{}\n", "ab".repeat(32))).is_ok());
        assert_eq!(format!("{:?}", key()), "SealKey(hidden)");
    }

    #[test]
    fn the_key_file_is_made_once_and_then_kept() {
        let dir = tempfile::tempdir().expect("a folder");
        let path = dir.path().join("survey.key");
        let first = SealKey::load_or_create(&path).expect("made");
        let sealed = first.seal(b"kept").expect("sealed");
        let again = SealKey::load_or_create(&path).expect("read");
        assert_eq!(again.open(&sealed).expect("opens"), b"kept");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt as _;
            let mode = std::fs::metadata(&path)
                .expect("there")
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o600, "readable by the server's user only");
        }
    }
}
