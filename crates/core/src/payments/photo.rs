//! Photos of a remittance advice or a receipt, attached to a payment query or a message. The
//! app makes a photo smaller before keeping it, and then it must fit the limit here, so a
//! query waiting on a phone never fills the device's storage.

use serde::{Deserialize, Serialize};

/// The largest photo kept, in bytes of image data (after the app has made it smaller).
pub const MOST_PHOTO_BYTES: usize = 350 * 1024;

/// The most photos on one query or one message.
pub const MOST_PHOTOS: usize = 3;

/// A photo as the device sends it: its file name and its image as a data URL.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Photo {
    pub name: String,
    /// `data:image/jpeg;base64,...` (or PNG or WebP).
    pub data: String,
}

/// A photo named in a query or a message; its image is its own record (`payment_photos`),
/// so a query's thread stays small to sync.
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
}

const KINDS: [&str; 3] = [
    "data:image/jpeg;base64,",
    "data:image/png;base64,",
    "data:image/webp;base64,",
];

impl Photo {
    /// The image's size in bytes, from the length of its base64 text.
    pub fn bytes(&self) -> usize {
        let encoded = KINDS
            .iter()
            .find_map(|kind| self.data.strip_prefix(kind))
            .unwrap_or(&self.data);
        let padding = encoded.chars().rev().take_while(|c| *c == '=').count();
        (encoded.len() / 4 * 3).saturating_sub(padding)
    }

    /// Checks a photo before it is kept or accepted.
    ///
    /// # Errors
    /// Plain words naming the photo: not a picture, or too large.
    pub fn check(&self) -> Result<(), PhotoError> {
        let name = self.display_name();
        let Some(encoded) = KINDS.iter().find_map(|kind| self.data.strip_prefix(kind)) else {
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
        let name = self.name.trim();
        if name.is_empty() {
            "The photo".to_owned()
        } else {
            name.chars().take(80).collect()
        }
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

/// The photos of the query or message with id `owner`, named for the thread, with ids that
/// come from the owner's, so that sending it again names the same photos.
pub fn refs_of(owner: &str, photos: &[Photo]) -> Vec<PhotoRef> {
    photos
        .iter()
        .enumerate()
        .map(|(n, photo)| PhotoRef {
            id: format!("{owner}-photo-{}", n + 1),
            name: photo.display_name(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn photo(data: String) -> Photo {
        Photo {
            name: "remittance.jpg".into(),
            data,
        }
    }

    #[test]
    fn a_photo_must_be_a_picture_within_the_limit() {
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
}
