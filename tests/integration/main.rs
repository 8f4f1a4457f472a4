//! Integration tests: the public API only, one module per area.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "tests fail loudly on unexpected errors"
)]

mod calendar;
mod columnar;
mod compliance;
mod criteria;
mod criteria_roundtrip;
mod directive;
mod document;
mod error;
#[cfg(feature = "csv")]
mod events;
mod grading;
mod lunar;
mod obligation;
mod org;
mod period;
mod provenance;
mod regime;
mod report;
mod roundtrip;
mod scenario;
mod seed_data;
mod shared;
mod wire;
mod yardstick;
