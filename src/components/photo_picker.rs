//! Adding photos (of a remittance advice or a receipt) to a form, and showing a thread's
//! photos. A chosen photo is made smaller on the device, checked against the portal's limit,
//! and kept as a file on the device at once (so a draft keeps it, and nothing typed is lost
//! when one is refused); the form holds only its id and name.

use leptos::prelude::*;
use leptos::task::spawn_local;
use portal_core::payments::{MOST_PHOTO_BYTES, MOST_PHOTOS, Photo, PhotoError, PhotoRef};
use wasm_bindgen::JsCast as _;

use crate::api::{self, ApiError};
use crate::components::fields::FieldError;
use crate::device::{photo_from_file, random_id};
use crate::state::account::{Account, use_account};

#[component]
pub fn PhotoPicker(
    id: &'static str,
    label: &'static str,
    photos: RwSignal<Vec<Photo>>,
    /// The form's problem with the photos, if any.
    #[prop(into)]
    error: Signal<Option<String>>,
) -> impl IntoView {
    let account = use_account();
    let problem = RwSignal::new(None::<String>);
    let shown = Signal::derive(move || problem.get().or_else(|| error.get()));
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let described = {
        let (hint_id, error_id) = (hint_id.clone(), error_id.clone());
        move || {
            if shown.get().is_some() {
                format!("{hint_id} {error_id}")
            } else {
                hint_id.clone()
            }
        }
    };
    let chosen = move |event: leptos::ev::Event| {
        let Some(input) = event
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        let files: Vec<web_sys::File> = input
            .files()
            .map(|list| (0..list.length()).filter_map(|n| list.get(n)).collect())
            .unwrap_or_default();
        // The same file can be chosen again after a refusal.
        input.set_value("");
        problem.set(None);
        for file in files {
            spawn_local(async move {
                if photos.with_untracked(Vec::len) >= MOST_PHOTOS {
                    problem.set(Some(PhotoError::TooMany.to_string()));
                    return;
                }
                match keep_chosen(account, file).await {
                    Ok(photo) => photos.update(|all| all.push(photo)),
                    Err(message) => problem.set(Some(message)),
                }
            });
        }
    };
    let remove = move |photo: Photo| {
        photos.update(|all| all.retain(|p| *p != photo));
        if let Some(shelf) = account.photos()
            && !photo.is_inline()
        {
            spawn_local(async move {
                // A photo left on the device is removed on signing out; nothing else needs it.
                let _ = shelf.forget(&photo.id).await;
            });
        }
    };
    view! {
        <div class="govuk-form-group" class:govuk-form-group--error=move || shown.get().is_some()>
            <label class="govuk-label" for=id>{label}</label>
            <div class="govuk-hint" id=hint_id>
                "Optional. Up to 3 photos of a remittance advice or a receipt. They are made smaller on this device."
            </div>
            <FieldError id=error_id error=shown />
            <input class="govuk-file-upload" id=id type="file" accept="image/*" multiple=true
                aria-describedby=described on:change=chosen />
            <ul class="govuk-list">
                <For each=move || photos.get() key=|photo| photo.id.clone() let(photo)>
                    <li class="portal-photo">
                        {if photo.is_inline() {
                            view! { <img class="portal-photo__image" src=photo.data.clone() alt="" /> }.into_any()
                        } else {
                            view! { <DevicePhoto id=photo.id.clone() alt=String::new() large=false /> }.into_any()
                        }}
                        <span>{photo.display_name()}</span> " "
                        <button type="button" class="govuk-button govuk-button--secondary govuk-!-margin-bottom-0"
                            on:click={
                                let photo = photo.clone();
                                move |_| remove(photo.clone())
                            }>
                            "Remove" <span class="govuk-visually-hidden">{format!(" {}", photo.display_name())}</span>
                        </button>
                    </li>
                </For>
            </ul>
        </div>
    }
}

/// Makes a chosen file a photo for the form: smaller, within the limit, and kept on the device.
async fn keep_chosen(account: Account, file: web_sys::File) -> Result<Photo, String> {
    let (name, image) = photo_from_file(file).await?;
    // Sizes of photos are far inside usize and never negative.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let bytes = image.size().max(0.0) as usize;
    if bytes > MOST_PHOTO_BYTES {
        let kb = bytes.div_ceil(1024);
        return Err(PhotoError::TooLarge { name, kb }.to_string());
    }
    let shelf = account
        .photos()
        .ok_or_else(|| "Sign in to add photos.".to_owned())?;
    let id = random_id("photo").ok_or_else(|| "This browser cannot add photos.".to_owned())?;
    shelf
        .keep_chosen(&id, &image)
        .await
        .map_err(|error| format!("“{name}” was not kept on this device. {error}"))?;
    Ok(Photo::file(id, name))
}

/// The photos of a query or a message in its thread, each shown by `show`.
#[component]
pub fn ThreadPhotos(photos: Vec<PhotoRef>, show: fn(&PhotoRef) -> AnyView) -> impl IntoView {
    (!photos.is_empty()).then(|| {
        view! {
            <ul class="govuk-list">
                {photos.into_iter().map(|photo| view! { <li class="portal-photo">{show(&photo)}</li> }).collect_view()}
            </ul>
        }
    })
}

/// A thread's photo for the carer: from the device, or fetched and then kept for reading
/// with no signal.
pub fn carers_photo(photo: &PhotoRef) -> AnyView {
    view! { <DevicePhoto id=photo.id.clone() alt=format!("Photo: {}", photo.name) large=true /> }
        .into_any()
}

/// Where a photo on the device can be shown from, or why it cannot be shown.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Shown {
    Address(String),
    NotHere(&'static str),
}

/// A photo from the device, fetched from the server (and kept) if it is not on the device.
#[component]
fn DevicePhoto(id: String, alt: String, large: bool) -> impl IntoView {
    let account = use_account();
    let found = LocalResource::new(move || {
        let id = id.clone();
        async move { photo_address(account, &id).await }
    });
    on_cleanup(move || {
        if let Some(Shown::Address(address)) = found.get_untracked() {
            // The picture is no longer shown: the browser may let go of it.
            let _ = web_sys::Url::revoke_object_url(&address);
        }
    });
    let class = if large {
        "portal-photo__image portal-photo__image--large"
    } else {
        "portal-photo__image"
    };
    view! {
        <Suspense fallback=|| view! { <span class="govuk-body-s">"Opening the photo…"</span> }>
            {move || found.get().map(|shown| match shown {
                Shown::Address(address) => view! { <img class=class src=address alt=alt.clone() /> }.into_any(),
                Shown::NotHere(why) => view! { <span class="govuk-body-s">{alt.clone()} " " {why}</span> }.into_any(),
            })}
        </Suspense>
    }
}

async fn photo_address(account: Account, id: &str) -> Shown {
    let Some(shelf) = account.photos() else {
        return Shown::NotHere("Sign in to see it.");
    };
    let image = match shelf.image(id).await {
        Ok(Some(image)) => image,
        _ => match api::photo(id).await {
            Ok(image) => {
                shelf.keep_fetched(id, &image).await;
                image
            }
            Err(ApiError::Unreachable) => {
                return Shown::NotHere(
                    "It is not kept on this device: it will show when you are connected.",
                );
            }
            Err(_) => return Shown::NotHere("It could not be found."),
        },
    };
    match web_sys::Url::create_object_url_with_blob(&image) {
        Ok(address) => Shown::Address(address),
        Err(_) => Shown::NotHere("This browser could not show it."),
    }
}
