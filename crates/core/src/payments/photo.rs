//! Photos of a remittance advice or a receipt, attached to a payment query or a message.
//!
//! A photo is a file of its own: the device keeps the image as a file and sends it on its own
//! (`PUT /api/photos/{id}`) before the change that names it, so a change, the device's sent log
//! and every pull carry only the photo's id and name. The app makes a photo smaller before
//! keeping it, and then it must fit the limit here.
//!
//! Changes queued by versions of the app before photos were files carry the image inside the
//! change, as a data URL (`data`); the server still accepts them and keeps the image as a file.

use serde::{Deserialize, Serialize};

/// The largest photo kept, in bytes of image data (after the app has made it smaller).
pub const MOST_PHOTO_BYTES: usize = 350 * 1024;

/// The most photos on one query or one message.
pub const MOST_PHOTOS: usize = 3;

/// The most bytes of photos a household keeps on the server: room for a few hundred receipts,
/// and a bound on what one account can make the service store.
pub const HOUSEHOLD_PHOTO_BYTES: u64 = 200 * 1024 * 1024;

/// A photo named in a change: its id (chosen by the device), and the name of the file chosen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Photo {
    /// Empty only in changes from versions of the app before photos were files.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub id: String,
    pub name: String,
    /// The image as a data URL, only in changes from versions before photos were files.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub data: String,
}

/// A photo named in a query or a message as the thread shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PhotoRef {
    pub id: String,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PhotoError {
    #[error("“{name}” is not a photo the portal can keep. Choose a JPEG, PNG or WebP picture.")]
    NotAPicture { name: String },
    #[error(
        "“{name}” is {kb} KB even after making it smaller, and a photo can be at most 350 KB. Take it again closer to the paper, or crop it, and add it again."
    )]
    TooLarge { name: String, kb: usize },
    #[error("Add at most 3 photos.")]
    TooMany,
    #[error("A photo was named in a way the portal does not use. Remove it and add it again.")]
    BadId,
}

const KINDS: [&str; 3] = [
    "data:image/jpeg;base64,",
    "data:image/png;base64,",
    "data:image/webp;base64,",
];

/// The longest photo id: a prefix and a UUID fit well inside it.
const LONGEST_ID: usize = 100;

/// Whether `id` can name a photo: short, and only letters, digits and hyphens, so that it is
/// safe in an address and as a key.
pub fn is_photo_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= LONGEST_ID
        && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
}

/// The kind of picture `bytes` hold, as a media type, judged by the bytes themselves (never by
/// what the sender says they are).
pub fn picture_kind(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("image/jpeg")
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some("image/png")
    } else if bytes.len() >= 12 && bytes.starts_with(b"RIFF") && &bytes[8..12] == b"WEBP" {
        Some("image/webp")
    } else {
        None
    }
}

/// Checks a photo file as it arrives, and says what kind of picture it is.
///
/// # Errors
/// Not a picture, or too large, in plain words.
pub fn check_photo_file(name: &str, bytes: &[u8]) -> Result<&'static str, PhotoError> {
    let name = shown_name(name);
    let kind = picture_kind(bytes).ok_or_else(|| PhotoError::NotAPicture { name: name.clone() })?;
    if bytes.len() > MOST_PHOTO_BYTES {
        return Err(PhotoError::TooLarge {
            name,
            kb: bytes.len().div_ceil(1024),
        });
    }
    Ok(kind)
}

fn shown_name(name: &str) -> String {
    let name = name.trim();
    if name.is_empty() {
        "The photo".to_owned()
    } else {
        name.chars().take(80).collect()
    }
}

impl Photo {
    /// A photo kept as a file on the device, named by `id`.
    pub fn file(id: String, name: String) -> Self {
        Self {
            id,
            name,
            data: String::new(),
        }
    }

    /// Whether the image travels inside the change (versions before photos were files).
    pub fn is_inline(&self) -> bool {
        !self.data.is_empty()
    }

    /// The image's size in bytes, from the length of its base64 text, for an inline photo.
    pub fn bytes(&self) -> usize {
        let encoded = KINDS
            .iter()
            .find_map(|kind| self.data.strip_prefix(kind))
            .unwrap_or(&self.data);
        let padding = encoded.chars().rev().take_while(|c| *c == '=').count();
        (encoded.len() / 4 * 3).saturating_sub(padding)
    }

    /// The image of an inline photo as base64 text, once it is known to be a picture.
    pub fn inline_base64(&self) -> Option<&str> {
        KINDS.iter().find_map(|kind| self.data.strip_prefix(kind))
    }

    /// Checks a photo before it is kept or accepted: a file's id, or an inline image.
    ///
    /// # Errors
    /// Plain words naming the photo: not a picture, too large, or a bad id.
    pub fn check(&self) -> Result<(), PhotoError> {
        if !self.is_inline() {
            return if is_photo_id(&self.id) {
                Ok(())
            } else {
                Err(PhotoError::BadId)
            };
        }
        let name = self.display_name();
        let Some(encoded) = self.inline_base64() else {
            return Err(PhotoError::NotAPicture { name });
        };
        let base64 = |c: char| c.is_ascii_alphanumeric() || matches!(c, '+' | '/' | '=');
        if encoded.is_empty() || encoded.len() % 4 != 0 || !encoded.chars().all(base64) {
            return Err(PhotoError::NotAPicture { name });
        }
        if self.bytes() > MOST_PHOTO_BYTES {
            return Err(PhotoError::TooLarge {
                name,
                kb: self.bytes().div_ceil(1024),
            });
        }
        Ok(())
    }

    /// The file's name as shown: its own, shortened, or "The photo".
    pub fn display_name(&self) -> String {
        shown_name(&self.name)
    }
}

/// Checks the photos of a query or a message.
///
/// # Errors
/// The first problem, in plain words.
pub fn check_photos(photos: &[Photo]) -> Result<(), PhotoError> {
    if photos.len() > MOST_PHOTOS {
        return Err(PhotoError::TooMany);
    }
    photos.iter().try_for_each(Photo::check)
}

/// The photos of the query or message with id `owner`, named for the thread. A file keeps its
/// own id; an inline photo's id comes from the owner's, so that sending it again names the same
/// photo.
pub fn refs_of(owner: &str, photos: &[Photo]) -> Vec<PhotoRef> {
    photos
        .iter()
        .enumerate()
        .map(|(n, photo)| PhotoRef {
            id: if photo.is_inline() || photo.id.is_empty() {
                format!("{owner}-photo-{}", n + 1)
            } else {
                photo.id.clone()
            },
            name: photo.display_name(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn photo(data: String) -> Photo {
        Photo {
            id: String::new(),
            name: "remittance.jpg".into(),
            data,
        }
    }

    #[test]
    fn an_inline_photo_from_an_older_app_must_be_a_picture_within_the_limit() {
        let small = photo(format!("data:image/jpeg;base64,{}", "AAAA".repeat(100)));
        assert_eq!(small.bytes(), 300);
        assert_eq!(small.check(), Ok(()));
        let large = photo(format!(
            "data:image/jpeg;base64,{}",
            "AAAA".repeat(MOST_PHOTO_BYTES / 3 + 1)
        ));
        let refused = large.check().expect_err("too large").to_string();
        assert!(
            refused.starts_with("“remittance.jpg” is 351 KB even after making it smaller"),
            "{refused}"
        );
        assert!(matches!(
            photo("data:text/html;base64,AAAA".into()).check(),
            Err(PhotoError::NotAPicture { .. })
        ));
        assert!(photo("data:image/png;base64,AA<>".into()).check().is_err());
        assert_eq!(
            check_photos(&vec![small.clone(); 4]),
            Err(PhotoError::TooMany)
        );
        let refs = refs_of("q1", &[small.clone(), small]);
        assert_eq!(refs[1].id, "q1-photo-2");
    }

    #[test]
    fn a_photo_file_is_named_by_its_own_id_which_must_be_safe() {
        let file = Photo::file("photo-0f8e".into(), "receipt.jpg".into());
        assert_eq!(file.check(), Ok(()));
        assert_eq!(refs_of("q1", &[file])[0].id, "photo-0f8e");
        for bad in ["", "../etc/passwd", "a b", &"x".repeat(101)] {
            assert_eq!(
                Photo::file(bad.into(), "r.jpg".into()).check(),
                Err(PhotoError::BadId),
                "{bad:?}"
            );
        }
        // A file's change carries no image, so it stays small in the queue and the sent log.
        let json = serde_json::to_string(&Photo::file("photo-1".into(), "r.jpg".into()))
            .expect("serialises");
        assert_eq!(json, r#"{"id":"photo-1","name":"r.jpg"}"#);
    }

    #[test]
    fn a_photo_file_is_judged_by_its_bytes() {
        let jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0, 0];
        assert_eq!(check_photo_file("r.jpg", &jpeg), Ok("image/jpeg"));
        assert_eq!(
            check_photo_file("r.png", b"\x89PNG\r\n\x1a\n...."),
            Ok("image/png")
        );
        assert_eq!(
            check_photo_file("r.webp", b"RIFF\0\0\0\0WEBPVP8 "),
            Ok("image/webp")
        );
        assert!(matches!(
            check_photo_file("page.html", b"<html>"),
            Err(PhotoError::NotAPicture { .. })
        ));
        let mut large = jpeg.to_vec();
        large.resize(MOST_PHOTO_BYTES + 1, 0);
        assert!(matches!(
            check_photo_file("big.jpg", &large),
            Err(PhotoError::TooLarge { kb: 351, .. })
        ));
    }
}
