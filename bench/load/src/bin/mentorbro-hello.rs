//! `mentorbro-hello`: the smallest axum server, one route `/` answering
//! "Hello, World!", on the same tokio multi-thread runtime and axum version
//! as Mentorbro. `mentorbro-load --mix hello` against it gives the ceiling of
//! requests per second this machine serves over loopback, so Mentorbro's
//! figures can be read against it.

use std::net::SocketAddr;
use std::process::ExitCode;

use axum::Router;
use axum::routing::get;
use clap::Parser;

#[derive(Parser)]
#[command(version, about = "An axum hello world, the load generator's ceiling.")]
struct Args {
    /// Where to listen.
    #[arg(long, default_value = "127.0.0.1:3500")]
    addr: SocketAddr,
}

#[tokio::main]
async fn main() -> ExitCode {
    let args = Args::parse();
    let app = Router::new().route("/", get(|| async { "Hello, World!" }));
    let listener = match tokio::net::TcpListener::bind(args.addr).await {
        Ok(listener) => listener,
        Err(error) => {
            eprintln!("mentorbro-hello: {}: {error}", args.addr);
            return ExitCode::from(2);
        }
    };
    println!("mentorbro-hello listening on http://{}", args.addr);
    match axum::serve(listener, app).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("mentorbro-hello: {error}");
            ExitCode::FAILURE
        }
    }
}
