//! Ids in URLs and query parameters: every page and download that takes one is
//! fetched with hostile values by an anonymous visitor, a mentee and a
//! coordinator; no answer may be a server error.

use axum::body::Body;
use axum::http::{Request, header};
use http_body_util::BodyExt;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use tower::ServiceExt;

use super::{Caller, runtime, values};

/// Paths with `{}` where an id or a query value goes.
const PATHS: &[&str] = &[
    "/p/{}",
    "/invite/{}",
    "/welcome/{}",
    "/signup?ref={}",
    "/surveys/{}",
    "/coordinator/cohorts/{}/board",
    "/coordinator/cohorts/{}/workshops",
    "/coordinator/cohorts/{}/course",
    "/coordinator/cohorts/{}/surveys",
    "/coordinator/cohorts/{}/outcomes",
    "/coordinator/cohorts/{}/dashboard",
    "/coordinator/workshops/{}/attendance",
    "/coordinator/report?cohort={}",
    "/coordinator/report?programme={}&year=2027",
    "/coordinator/report?programme=aarhus-spouses&year={}",
    "/coordinator/dashboard?programme={}&year={}",
    "/coordinator/budget?programme=aarhus-spouses&year={}",
    "/coordinator/budget?programme={}",
    "/coordinator/import?id={}",
    "/coordinator/applications?status={}&kind={}",
    "/coordinator/cohorts/{}/export/participants.csv",
    "/coordinator/cohorts/{}/export/{}",
    "/calendar/feed/{}.ics",
    "/calendar/workshop/{}.ics",
    "/calendar/{}",
    "/files/cv/{}",
    "/coordinator/report/figures.csv?cohort={}",
    "/coordinator/report/figures.csv?programme={}&year={}",
    "/events/board/{}",
    "/{}",
    "/account?{}",
];

/// Percent-encodes `value` for a path segment or query value.
fn encoded(value: &str) -> String {
    value
        .bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

/// Bytes that are not even valid percent-encoding, sent as they are.
const RAW: &[&str] = &[
    "%zz",
    "%",
    "%00",
    "..%2f..%2fetc%2fpasswd",
    "%C0%AF",
    "%ED%A0%80",
    "a%2Fb",
    "%25%32%35",
    ";",
    "$auth",
    "'%20OR%20true--",
];

/// Fetches `path`; only the status is read, so a live event stream that
/// opens for a real cohort does not keep the test waiting.
async fn fetch(world: &super::World, caller: Caller, path: &str) -> Result<(), String> {
    let mut request = Request::get(path);
    if let Some(cookie) = &world.clients[&caller].cookie {
        request = request.header(header::COOKIE, cookie);
    }
    let request = match request.body(Body::empty()) {
        Ok(request) => request,
        // Not a URI at all: no client can send it.
        Err(_) => return Ok(()),
    };
    let response = tokio::time::timeout(super::HUNG, world.app.router.clone().oneshot(request))
        .await
        .map_err(|_| format!("GET {path} as {caller:?} hung"))?
        .expect("router answers");
    let status = response.status();
    let streams = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|kind| kind.as_bytes().starts_with(b"text/event-stream"));
    // A page is read to its end, so its rendering finishes as a browser would let it.
    let body = if streams {
        String::new()
    } else {
        let body = tokio::time::timeout(super::HUNG, response.into_body().collect())
            .await
            .map_err(|_| format!("GET {path} as {caller:?}: the body never ended"))?
            .map_err(|error| format!("GET {path} as {caller:?}: {error}"))?;
        String::from_utf8_lossy(&body.to_bytes())
            .chars()
            .take(200)
            .collect()
    };
    if status.is_server_error() {
        return Err(format!("GET {path} as {caller:?}: {status} {body}"));
    }
    Ok(())
}

fn fill(path: &str, value: &str) -> String {
    path.replace("{}", value)
}

const CALLERS: [Caller; 3] = [Caller::Anonymous, Caller::Mentee, Caller::Coordinator];

/// Rendering a page nests futures deeply: debug builds need more than a test
/// thread's stack, as the server's workers have (see `server/src/main.rs`).
const RENDER_STACK_BYTES: usize = 64 * 1024 * 1024;

// Beside the rest of the suite in one process, one page in some 1,600 now and
// then never finished rendering (a different page each time); alone it always
// does. `scripts/test.sh` runs it in a process of its own, after the others,
// until the cause is found.
#[test]
#[ignore = "run alone: scripts/test.sh runs it with --ignored"]
fn pages_and_downloads_take_hostile_ids_and_query_strings() {
    let run = std::thread::Builder::new()
        .stack_size(RENDER_STACK_BYTES)
        .spawn(fetch_everything)
        .expect("thread starts");
    if let Err(panic) = run.join() {
        std::panic::resume_unwind(panic);
    }
}

fn fetch_everything() {
    let rt = runtime();
    let world = rt.block_on(super::world());
    let mut values: Vec<String> = values::fixed(values::Kind::Id, &world.records.foreign_ids())
        .iter()
        .filter_map(|v| v.as_str().map(encoded))
        .collect();
    values.extend(RAW.iter().map(|s| (*s).to_owned()));
    let mut failures = Vec::new();
    let mut fetched = 0usize;
    rt.block_on(async {
        for path in PATHS {
            for value in &values {
                // Staff pages as the coordinator; the others also as a visitor.
                let callers: &[Caller] = if path.starts_with("/coordinator") {
                    &[Caller::Coordinator]
                } else {
                    &[Caller::Anonymous, Caller::Coordinator]
                };
                for &caller in callers {
                    fetched += 1;
                    if let Err(failure) = fetch(&world, caller, &fill(path, value)).await {
                        failures.push(failure);
                    }
                }
            }
        }
    });
    println!("bad input, URLs: {} paths, {fetched} fetches", PATHS.len());
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );

    let mut runner = TestRunner::new(Config {
        cases: super::GENERATED_CASES / 4,
        failure_persistence: None,
        ..Config::default()
    });
    let strategy = (
        prop::sample::select(PATHS),
        values::text(),
        prop::sample::select(CALLERS.to_vec()),
    );
    let result = runner.run(&strategy, |(path, value, caller)| {
        rt.block_on(fetch(&world, caller, &fill(path, &encoded(&value))))
            .map_err(TestCaseError::fail)
    });
    if let Err(failure) = result {
        panic!("{failure}");
    }
}
