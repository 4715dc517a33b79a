//! Serving the built app: files by path, and the app's page for every other path so that the
//! app's own router can handle links such as `/privacy` opened directly.

use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};

use crate::AppState;
use crate::shell::{Asset, Encoding, asset_headers};

pub async fn serve(
    State(state): State<AppState>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    if method != Method::GET && method != Method::HEAD {
        return (StatusCode::METHOD_NOT_ALLOWED, "Method not allowed").into_response();
    }
    let path = uri.path();
    let asset = match state.shell.get(path) {
        Some(asset) => asset,
        // A path that names a file ("/missing.js") is a broken link, not a page of the app.
        None if looks_like_a_file(path) => {
            return (StatusCode::NOT_FOUND, "Not found").into_response();
        }
        None => state.shell.page_for(path),
    };
    respond(asset, &method, &headers)
}

fn looks_like_a_file(path: &str) -> bool {
    path.rsplit('/')
        .next()
        .is_some_and(|last| last.contains('.'))
}

fn respond(asset: &Asset, method: &Method, request: &HeaderMap) -> Response {
    let unchanged = request
        .get(header::IF_NONE_MATCH)
        .is_some_and(|tags| tags.as_bytes() == asset.etag.as_bytes());
    let wanted = Encoding::negotiate(
        request
            .get(header::ACCEPT_ENCODING)
            .and_then(|v| v.to_str().ok()),
    );
    let (body, used) = asset.body(wanted);
    let mut response = if unchanged {
        StatusCode::NOT_MODIFIED.into_response()
    } else if method == Method::HEAD {
        Response::new(Body::empty())
    } else {
        Response::new(Body::from(body.clone()))
    };
    let out = response.headers_mut();
    for (name, value) in asset_headers(asset) {
        out.insert(name, value);
    }
    out.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
    match used {
        Encoding::Brotli => {
            out.insert(header::CONTENT_ENCODING, HeaderValue::from_static("br"));
        }
        Encoding::Gzip => {
            out.insert(header::CONTENT_ENCODING, HeaderValue::from_static("gzip"));
        }
        Encoding::Identity => {}
    }
    if !unchanged {
        out.insert(header::CONTENT_LENGTH, HeaderValue::from(body.len()));
    }
    response
}
