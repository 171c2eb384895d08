//! One virtual user's browser: its own connection from its own loopback
//! address, its session cookie, and server functions called as the pages call
//! them (form-encoded or JSON POSTs to `/api/NAME`).

use std::net::IpAddr;
use std::time::{Duration, Instant};

use reqwest::header::{ACCEPT, CONTENT_TYPE, COOKIE, SET_COOKIE};
use serde_json::Value;

use crate::report::{Kind, Stats};

/// The session cookie's name (see `server::SESSION_COOKIE`).
const SESSION_COOKIE: &str = "mentorbro_session";

pub struct Session {
    http: reqwest::Client,
    base: String,
    cookie: Option<String>,
    pub stats: Stats,
}

/// A request's body as the page sends it.
pub enum Body<'a> {
    Form(&'a [(&'a str, &'a str)]),
    Json(Value),
}

impl Session {
    /// A browser that connects from `address`: every user comes from an
    /// address of its own, as people on their own machines do.
    pub fn new(base: &str, address: IpAddr, timeout: Duration) -> Result<Self, String> {
        let http = reqwest::Client::builder()
            .local_address(address)
            .timeout(timeout)
            .build()
            .map_err(|error| format!("HTTP client: {error}"))?;
        Ok(Self {
            http,
            base: base.trim_end_matches('/').to_owned(),
            cookie: None,
            stats: Stats::default(),
        })
    }

    /// Logs in; returns the account's id.
    pub async fn login(&mut self, email: &str, password: &str) -> Result<String, String> {
        let args = [("email", email), ("password", password)];
        let reply = self.call(Kind::Login, "login", Body::Form(&args)).await?;
        let id = reply["id"].as_str().ok_or("login: no account id")?;
        if self.cookie.is_none() {
            return Err(format!("login as {email}: no session cookie"));
        }
        Ok(id.to_owned())
    }

    /// A GET of a page, as a browser loads it.
    pub async fn page(&mut self, kind: Kind, path: &str) -> Result<(), String> {
        let mut request = self.http.get(format!("{}{path}", self.base));
        if let Some(cookie) = &self.cookie {
            request = request.header(COOKIE, cookie);
        }
        self.timed(kind, request).await.map(drop)
    }

    /// Calls a server function; a reply other than 2xx is an error.
    pub async fn call(
        &mut self,
        kind: Kind,
        function: &str,
        body: Body<'_>,
    ) -> Result<Value, String> {
        let mut request = self
            .http
            .post(format!("{}/api/{function}", self.base))
            .header(ACCEPT, "application/json")
            .header("sec-fetch-site", "same-origin");
        request = match body {
            Body::Form(args) => request.form(args),
            Body::Json(value) => request
                .header(CONTENT_TYPE, "application/json")
                .body(value.to_string()),
        };
        if let Some(cookie) = &self.cookie {
            request = request.header(COOKIE, cookie);
        }
        let text = self
            .timed(kind, request)
            .await
            .map_err(|error| format!("{function}: {error}"))?;
        Ok(serde_json::from_str(&text).unwrap_or(Value::Null))
    }

    /// Sends `request`, keeps a new session cookie, and records the time
    /// until the whole reply was read under `kind`, or an error.
    async fn timed(
        &mut self,
        kind: Kind,
        request: reqwest::RequestBuilder,
    ) -> Result<String, String> {
        let start = Instant::now();
        let result = async {
            let response = request.send().await.map_err(|error| error.to_string())?;
            let status = response.status();
            for value in response.headers().get_all(SET_COOKIE) {
                if let Some(pair) = value
                    .to_str()
                    .ok()
                    .and_then(|value| value.split(';').next())
                    && pair.starts_with(SESSION_COOKIE)
                {
                    self.cookie = Some(pair.to_owned());
                }
            }
            let text = response.text().await.map_err(|error| error.to_string())?;
            if status.is_success() {
                Ok(text)
            } else {
                let text: String = text.chars().take(200).collect();
                Err(format!("{status} {text}"))
            }
        }
        .await;
        self.stats
            .record(kind, start.elapsed(), result.as_ref().err());
        result
    }
}
