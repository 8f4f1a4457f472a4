#![doc = include_str!("../README.md")]
#![forbid(unsafe_code)]
#![cfg_attr(docsrs, feature(doc_cfg))]

pub mod calendar;
pub mod compliance;
pub mod directive;
pub mod document;
mod error;
pub mod obligation;
pub mod org;
pub mod period;
pub mod regime;

pub use crate::error::Error;

/// The design of the crate: its architecture and the semantics that must not drift.
///
/// This is `DESIGN.md` from the repository, included here so that its examples run as
/// doctests.
#[doc = include_str!("../DESIGN.md")]
pub mod _design {}
