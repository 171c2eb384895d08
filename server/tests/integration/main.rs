//! Integration tests of the server: the real router over an in-memory
//! SurrealDB, and the binary as an operator starts it. One test binary, so the
//! server and the app are linked once.

mod access;
mod accounts;
mod backup;
mod board;
mod budget;
mod cli;
mod common;
mod course;
mod crash;
mod import;
mod inputs;
mod migrations;
mod portal;
mod races;
mod replicas;
mod reporting;
mod servers;
mod surveys;
mod tally;
mod workshops;
