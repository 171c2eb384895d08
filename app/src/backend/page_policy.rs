//! The Content-Security-Policy of a rendered page: scripts only from this site
//! or with this response's nonce (the hydration script), WebAssembly allowed.

use http::HeaderValue;
use http::header::CONTENT_SECURITY_POLICY;
use leptos::nonce::{provide_nonce, use_nonce};
use leptos::prelude::use_context;
use leptos_axum::ResponseOptions;

/// Generates the page's nonce and sets the matching policy header.
pub fn apply() {
    provide_nonce();
    let (Some(nonce), Some(response)) = (use_nonce(), use_context::<ResponseOptions>()) else {
        return;
    };
    let policy = format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; \
         style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; \
         form-action 'self'; frame-ancestors 'none'; base-uri 'self'; object-src 'none'"
    );
    if let Ok(value) = HeaderValue::from_str(&policy) {
        response.insert_header(CONTENT_SECURITY_POLICY, value);
    }
}
