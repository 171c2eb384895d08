//! Security headers on every response and the cross-site request check.

use axum::Router;
use axum::body::Body;
use axum::http::{HeaderName, HeaderValue, Method, Request, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use tower_http::set_header::SetResponseHeaderLayer;

/// Pages set their own policy with a per-response nonce; everything else gets this one.
const DEFAULT_CSP: &str = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'";

/// Adds the security headers to every response of `router` unless a handler set them already.
pub fn with_headers(router: Router) -> Router {
    let fixed = |name: HeaderName, value: &'static str| {
        SetResponseHeaderLayer::if_not_present(name, HeaderValue::from_static(value))
    };
    router
        .layer(fixed(header::CONTENT_SECURITY_POLICY, DEFAULT_CSP))
        .layer(fixed(header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
        .layer(fixed(header::REFERRER_POLICY, "same-origin"))
        .layer(fixed(header::X_FRAME_OPTIONS, "DENY"))
        // The site's files are sent brotli- or gzip-compressed to browsers
        // that accept it: a cache between must keep each variant apart.
        .layer(fixed(header::VARY, "accept-encoding"))
}

/// Refuses state-changing requests that another site's page made the browser
/// send. Browsers mark such requests with `Sec-Fetch-Site`; older ones only
/// send `Origin`, which must then name this host.
pub async fn reject_cross_site(request: Request<Body>, next: Next) -> Response {
    // Nothing here tunnels or echoes requests; answering these with a page
    // would also make the HTTP layer log an error for every probe.
    if matches!(*request.method(), Method::CONNECT | Method::TRACE) {
        return StatusCode::METHOD_NOT_ALLOWED.into_response();
    }
    if is_safe(request.method()) || is_same_site(&request) {
        next.run(request).await
    } else {
        tracing::warn!(uri = %request.uri(), "refused cross-site request");
        (
            StatusCode::FORBIDDEN,
            "Cross-site requests are not allowed.",
        )
            .into_response()
    }
}

fn is_safe(method: &Method) -> bool {
    matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

fn is_same_site(request: &Request<Body>) -> bool {
    let headers = request.headers();
    if let Some(site) = headers.get("sec-fetch-site") {
        return matches!(site.as_bytes(), b"same-origin" | b"none");
    }
    let Some(origin) = headers.get(header::ORIGIN) else {
        // Neither header: not a browser acting for another site (curl, tests, old clients).
        return true;
    };
    let host = headers
        .get(header::HOST)
        .and_then(|host| host.to_str().ok());
    let origin_host = origin
        .to_str()
        .ok()
        .and_then(|origin| origin.split_once("://"))
        .map(|(_, rest)| rest);
    matches!((origin_host, host), (Some(origin), Some(host)) if origin.eq_ignore_ascii_case(host))
}

/// Server functions answer every error with status 500, including input that
/// could not be read; this gives each error the status its kind calls for
/// (422 for malformed input, 403, 404, …).
pub async fn error_status(request: Request<Body>, next: Next) -> Response {
    let response = next.run(request).await;
    if response.status() != StatusCode::INTERNAL_SERVER_ERROR {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, 64 * 1024).await else {
        return Response::from_parts(parts, Body::empty());
    };
    if let Ok(error) = serde_json::from_slice::<app::error::AppError>(&bytes) {
        parts.status = error.status_code();
    }
    Response::from_parts(parts, Body::from(bytes))
}
