//! "This device": what the portal keeps on this phone or computer, and how much room it has,
//! so a carer can see that their changes are safe and what a full device means.

use leptos::prelude::*;

use crate::components::page_title::PageTitle;
use crate::routes::Page;
use crate::state::account::{device, use_account};
use crate::state::sync::use_sync;
use crate::storage::{Kept, PhotoSummary, StorageUse};
use crate::words::count;

#[component]
pub fn ThisDevicePage() -> impl IntoView {
    let account = use_account();
    let sync = use_sync();
    let kept = move || {
        // Read again whenever the device's data changes (a sync, another tab).
        sync.revision();
        let user = account.user()?;
        device().ok()?.user(&user.id).kept().ok()
    };
    // Asked once when the page opens: the browser's figure is an estimate, and the page is
    // read, not watched. Set from a task rather than read through a resource and `Suspense`,
    // which would add about 13 KB to every carer's first load for this one page.
    let measured = RwSignal::new(None::<Option<StorageUse>>);
    leptos::task::spawn_local(async move { measured.set(Some(StorageUse::measure().await)) });
    let photos = RwSignal::new(None::<PhotoSummary>);
    if let Some(shelf) = account.photos() {
        leptos::task::spawn_local(async move { photos.set(shelf.summary().await.ok()) });
    }
    view! {
        <PageTitle text=Page::ThisDevice.title() />
        <h1 class="govuk-heading-l">"This device"</h1>
        <p class="govuk-body">
            "The portal keeps your information on this device so that it works without a signal. Here is what it keeps."
        </p>
        {move || match kept() {
            Some(kept) => kept_list(kept).into_any(),
            None => view! { <p class="govuk-body">"Nothing of yours is kept on this device: nobody is signed in."</p> }.into_any(),
        }}
        {move || photos.get().map(|summary| view! {
            <h2 class="govuk-heading-m">"Photos"</h2>
            {photo_sentences(summary).into_iter().map(|line| view! { <p class="govuk-body">{line}</p> }).collect_view()}
        })}
        <h2 class="govuk-heading-m">"Room on this device"</h2>
        <p class="govuk-body">
            {move || match measured.get() {
                Some(measured) => room_sentence(measured),
                None => "Finding out how much room there is…".to_owned(),
            }}
        </p>
    }
}

fn kept_list(kept: Kept) -> impl IntoView {
    let rows = [
        (
            "From the fostering service",
            count(kept.records, "record", "records"),
        ),
        (
            "Waiting to be sent",
            count(kept.waiting, "change", "changes"),
        ),
        (
            "Sent, and kept for a while in case the service needs them again",
            count(kept.sent, "change", "changes"),
        ),
    ];
    view! {
        <dl class="govuk-summary-list">
            {rows
                .into_iter()
                .map(|(key, value)| {
                    view! {
                        <div class="govuk-summary-list__row">
                            <dt class="govuk-summary-list__key">{key}</dt>
                            <dd class="govuk-summary-list__value">{value}</dd>
                        </div>
                    }
                })
                .collect_view()}
        </dl>
    }
}

/// What the device keeps of the person's photos, in plain words.
pub fn photo_sentences(photos: PhotoSummary) -> Vec<String> {
    let mut lines = vec![
        format!(
            "Waiting to be sent: {} ({}).",
            count(photos.waiting, "photo", "photos"),
            size_in_words(photos.waiting_bytes)
        ),
        format!(
            "Kept for looking at with no signal: {} ({}).",
            count(photos.kept, "photo", "photos"),
            size_in_words(photos.kept_bytes)
        ),
    ];
    if photos.removed > 0 {
        lines.push(format!(
            "To make room, {} kept for looking at with no signal {} removed from this device. Nothing waiting to be sent was removed. A removed photo is fetched again when you open it with a connection.",
            count(photos.removed, "photo", "photos"),
            if photos.removed == 1 { "was" } else { "were" }
        ));
    }
    lines
}

/// What the browser says about room, in plain words.
pub fn room_sentence(measured: Option<StorageUse>) -> String {
    let Some(measured) = measured else {
        return "This browser does not say how much room the portal has.".to_owned();
    };
    let kept = if measured.persisted {
        "This browser has agreed not to clear the portal's information to make room."
    } else {
        "This browser may clear the portal's information if the device runs short of space, so connect now and then to send your changes."
    };
    format!(
        "The portal is using {} of the {} this browser lets it use. {kept}",
        size_in_words(measured.used),
        size_in_words(measured.quota)
    )
}

/// "120 KB", "3.4 MB", "2.1 GB". Whole numbers only: formatting floating point would add
/// kilobytes to every carer's first load.
pub fn size_in_words(bytes: u64) -> String {
    const KB: u64 = 1024;
    let tenths = |unit: u64| {
        let tenths = bytes * 10 / unit;
        format!("{}.{}", tenths / 10, tenths % 10)
    };
    if bytes < KB * KB {
        format!("{} KB", bytes.div_ceil(KB))
    } else if bytes < KB * KB * KB {
        format!("{} MB", tenths(KB * KB))
    } else {
        format!("{} GB", tenths(KB * KB * KB))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn room_is_said_in_plain_words() {
        assert_eq!(size_in_words(100), "1 KB");
        assert_eq!(size_in_words(3 * 1024 * 1024 + 420 * 1024), "3.4 MB");
        assert_eq!(size_in_words(5 * 1024 * 1024 * 1024 / 2), "2.5 GB");
        let sentence = room_sentence(Some(StorageUse {
            used: 5 * 1024 * 1024,
            quota: 10 * 1024 * 1024 * 1024,
            persisted: true,
        }));
        assert_eq!(
            sentence,
            "The portal is using 5.0 MB of the 10.0 GB this browser lets it use. This browser has agreed not to clear the portal's information to make room."
        );
        assert!(room_sentence(None).contains("does not say"));
    }

    #[test]
    fn photos_are_counted_and_any_removed_to_make_room_are_owned_up_to() {
        let lines = photo_sentences(PhotoSummary {
            waiting: 1,
            waiting_bytes: 300 * 1024,
            kept: 12,
            kept_bytes: 3 * 1024 * 1024,
            removed: 0,
        });
        assert_eq!(
            lines,
            [
                "Waiting to be sent: 1 photo (300 KB).",
                "Kept for looking at with no signal: 12 photos (3.0 MB)."
            ]
        );
        let removed = photo_sentences(PhotoSummary {
            removed: 4,
            ..PhotoSummary::default()
        });
        assert!(
            removed[2].starts_with(
                "To make room, 4 photos kept for looking at with no signal were removed"
            ),
            "{}",
            removed[2]
        );
    }
}
