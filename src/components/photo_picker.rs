//! Adding photos (of a remittance advice or a receipt) to a form: each is made smaller on the
//! device and checked against the portal's limit as soon as it is chosen, so a photo that is
//! too large is refused by name while everything else typed stays as it was.

use leptos::prelude::*;
use leptos::task::spawn_local;
use portal_core::payments::{MOST_PHOTOS, Photo};
use wasm_bindgen::JsCast as _;

use crate::components::fields::FieldError;
use crate::device::photo_from_file;

#[component]
pub fn PhotoPicker(
    id: &'static str,
    label: &'static str,
    photos: RwSignal<Vec<Photo>>,
    /// The form's problem with the photos, if any.
    #[prop(into)]
    error: Signal<Option<String>>,
) -> impl IntoView {
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
                match photo_from_file(file).await {
                    Ok(photo) => match photo.check() {
                        Ok(()) if photos.with_untracked(Vec::len) >= MOST_PHOTOS => {
                            problem.set(Some(format!("Add at most {MOST_PHOTOS} photos.")));
                        }
                        Ok(()) => photos.update(|all| all.push(photo)),
                        Err(refused) => problem.set(Some(refused.to_string())),
                    },
                    Err(message) => problem.set(Some(message)),
                }
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
                {move || photos.get().into_iter().enumerate().map(|(n, photo)| {
                    let name = photo.display_name();
                    let remove = move |_| photos.update(|all| { all.remove(n); });
                    view! {
                        <li class="portal-photo">
                            <img class="portal-photo__image" src=photo.data alt="" />
                            <span>{name.clone()}</span> " "
                            <button type="button" class="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" on:click=remove>
                                "Remove" <span class="govuk-visually-hidden">{format!(" {name}")}</span>
                            </button>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </div>
    }
}

/// The photos of a query or a message in its thread, from `image` (by id) where the image is
/// at hand; otherwise by name only.
#[component]
pub fn ThreadPhotos(
    photos: Vec<portal_core::payments::PhotoRef>,
    image: Callback<String, Option<String>>,
) -> impl IntoView {
    (!photos.is_empty()).then(|| {
        view! {
            <ul class="govuk-list">
                {photos.into_iter().map(|photo| {
                    let data = image.run(photo.id.clone());
                    view! {
                        <li class="portal-photo">
                            {match data {
                                Some(src) => view! {
                                    <img class="portal-photo__image portal-photo__image--large" src=src alt=format!("Photo: {}", photo.name) />
                                }.into_any(),
                                None => view! { <span>"Photo: " {photo.name.clone()}</span> }.into_any(),
                            }}
                        </li>
                    }
                }).collect_view()}
            </ul>
        }
    })
}
