//! The preview server's HTTP side (axum): the site from memory with the right `Content-Type`,
//! `index.html` for folders (and a redirect to add the slash a folder link needs), the site's own
//! 404 page with status 404, `HEAD`, `ETag` with `304`, no caching, and the event stream. Paths
//! are percent-decoded and anything that tries to climb out (`..`, encoded slashes, backslashes,
//! NUL) is refused with 400; the site lives in memory, so no path can reach another file.

use std::convert::Infallible;
use std::sync::Arc;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::response::sse::{Event as SseEvent, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::Router;
use tokio_stream::wrappers::BroadcastStream;
use tokio_stream::{Stream, StreamExt};

use super::reload::{inject, EVENTS};
use super::{Event, Shared};

/// The router: the event stream, and every other path looked up in the site.
pub fn router(shared: Arc<Shared>) -> Router {
    Router::new()
        .route(EVENTS, axum::routing::get(events))
        .fallback(site_file)
        .with_state(shared)
}

async fn events(
    State(shared): State<Arc<Shared>>,
) -> Sse<impl Stream<Item = Result<SseEvent, Infallible>>> {
    let stream = BroadcastStream::new(shared.events.subscribe()).filter_map(|event| match event {
        Ok(Event::Reload) => Some(Ok(SseEvent::default().event("reload").data("reload"))),
        Ok(Event::Styles) => Some(Ok(SseEvent::default().event("css").data("css"))),
        Ok(Event::Failed(message)) => {
            Some(Ok(SseEvent::default().event("build-error").data(message)))
        }
        Err(_) => None,
    });
    Sse::new(stream).keep_alive(KeepAlive::default())
}

/// Where a request path leads.
#[derive(Debug, PartialEq, Eq)]
enum Target {
    /// A site file.
    File(String),
    /// A folder asked for without its slash: redirect to this path.
    AddSlash(String),
    /// Nothing.
    Missing,
    /// A path that tries to leave the site, or cannot be decoded.
    Refused,
}

fn resolve(raw_path: &str, exists: impl Fn(&str) -> bool) -> Target {
    let lower = raw_path.to_ascii_lowercase();
    if lower.contains("%2f") || lower.contains("%5c") || lower.contains("%00") {
        return Target::Refused;
    }
    let Ok(decoded) = percent_encoding::percent_decode_str(raw_path).decode_utf8() else {
        return Target::Refused;
    };
    if decoded.contains('\\') || decoded.contains('\0') || !decoded.starts_with('/') {
        return Target::Refused;
    }
    let inner = &decoded[1..];
    if inner.split('/').any(|s| s == ".." || s == ".") || inner.starts_with('/') {
        return Target::Refused;
    }
    let file = if inner.is_empty() || inner.ends_with('/') {
        format!("{inner}index.html")
    } else {
        inner.to_string()
    };
    if exists(&file) {
        Target::File(file)
    } else if !inner.is_empty() && !inner.ends_with('/') && exists(&format!("{inner}/index.html")) {
        Target::AddSlash(format!("{raw_path}/"))
    } else {
        Target::Missing
    }
}

async fn site_file(State(shared): State<Arc<Shared>>, request: Request) -> Response {
    if request.method() != Method::GET && request.method() != Method::HEAD {
        return (
            StatusCode::METHOD_NOT_ALLOWED,
            [(header::ALLOW, "GET, HEAD")],
        )
            .into_response();
    }
    let files = shared
        .files
        .read()
        .unwrap_or_else(|e| e.into_inner())
        .clone();
    let error = shared
        .error
        .read()
        .unwrap_or_else(|e| e.into_inner())
        .clone();
    let (status, path) = match resolve(request.uri().path(), |p| files.contains_key(p)) {
        Target::File(path) => (StatusCode::OK, path),
        Target::AddSlash(location) => {
            return (
                StatusCode::MOVED_PERMANENTLY,
                [(header::LOCATION, location)],
            )
                .into_response()
        }
        Target::Missing => (StatusCode::NOT_FOUND, "404.html".to_string()),
        Target::Refused => return (StatusCode::BAD_REQUEST, "bad path\n").into_response(),
    };
    let Some(file) = files.get(&path) else {
        return (StatusCode::NOT_FOUND, "not found\n").into_response();
    };
    let not_modified = request
        .headers()
        .get(header::IF_NONE_MATCH)
        .is_some_and(|tag| tag.as_bytes() == file.etag.as_bytes());
    if status == StatusCode::OK && not_modified && error.is_none() {
        return (
            StatusCode::NOT_MODIFIED,
            [(header::ETAG, file.etag.clone())],
        )
            .into_response();
    }
    file_response(&path, file, status, error.as_deref())
}

/// The response carrying one site file: its MIME type (UTF-8 for text), the live-reload script
/// and any build error injected into HTML pages, and an ETag on everything but HTML, whose
/// bytes change with the injected error.
fn file_response(
    path: &str,
    file: &super::files::File,
    status: StatusCode,
    error: Option<&str>,
) -> Response {
    let mime = mime_guess::from_path(path).first_or_octet_stream();
    let html = mime.essence_str() == "text/html";
    let body = if html {
        inject(&file.bytes, error)
    } else {
        file.bytes.to_vec()
    };
    let content_type = if mime.type_() == "text" || mime.essence_str() == "application/javascript" {
        format!("{}; charset=utf-8", mime.essence_str())
    } else {
        mime.essence_str().to_string()
    };
    let mut response = Response::new(Body::from(body));
    *response.status_mut() = status;
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_str(&content_type).expect("a MIME type is a valid header"),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    if !html {
        headers.insert(
            header::ETAG,
            HeaderValue::from_str(&file.etag).expect("hex in quotes"),
        );
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(p: &str) -> bool {
        [
            "index.html",
            "world/a/index.html",
            "css/site.css",
            "Мир.txt",
        ]
        .contains(&p)
    }

    #[test]
    fn paths_resolve_to_files_folders_or_nothing() {
        assert_eq!(resolve("/", site), Target::File("index.html".into()));
        assert_eq!(
            resolve("/world/a/", site),
            Target::File("world/a/index.html".into())
        );
        assert_eq!(
            resolve("/world/a", site),
            Target::AddSlash("/world/a/".into())
        );
        assert_eq!(
            resolve("/css/site.css", site),
            Target::File("css/site.css".into())
        );
        assert_eq!(
            resolve("/%D0%9C%D0%B8%D1%80.txt", site),
            Target::File("Мир.txt".into())
        );
        assert_eq!(resolve("/nope", site), Target::Missing);
    }

    #[test]
    fn escapes_are_refused() {
        for bad in [
            "/../etc/passwd",
            "/world/../../x",
            "/%2e%2e/x",
            "/a%2f..%2fb",
            "/a%5cb",
            "//etc/passwd",
            "/a/./b",
            "/%00",
            "/%ff",
        ] {
            assert_eq!(resolve(bad, site), Target::Refused, "{bad}");
        }
    }
}
