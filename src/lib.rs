// The README's examples load TOML files and render a report, so it is the crate
// documentation when the `report` feature (which needs `serde` and `csv`) is on, as by default and
// on docs.rs; without it, a shorter page stands in.
#![cfg_attr(feature = "report", doc = include_str!("../README.md"))]
#![cfg_attr(
    not(feature = "report"),
    doc = "Model what an official directive asks of which bodies, by when, and whether they did it.\n\nBuilt without the `report` feature: see the README for a tour, which loads data files."
)]
#![doc = "\n\n## Design\n\nThe architecture, the semantics that must not drift and the decisions made along the way are in [the design page](crate::_design) (`DESIGN.md`)."]
#![forbid(unsafe_code)]
#![cfg_attr(docsrs, feature(doc_cfg))]

pub mod calendar;
pub mod compliance;
pub mod criteria;
pub mod directive;
pub mod document;
mod error;
mod lang;
mod limit;
#[cfg(feature = "serde")]
mod load;
pub mod obligation;
pub mod org;
pub mod period;
pub mod provenance;
pub mod regime;
#[cfg(feature = "report")]
#[cfg_attr(docsrs, doc(cfg(feature = "report")))]
pub mod report;
#[cfg(feature = "serde")]
#[cfg_attr(docsrs, doc(cfg(feature = "serde")))]
pub mod scenario;
mod text;
#[cfg(feature = "serde")]
#[cfg_attr(docsrs, doc(cfg(feature = "serde")))]
pub mod wire;

pub use crate::error::Error;
pub use crate::lang::{Lang, LangError};
pub use crate::limit::{Limit, Limits};

/// The design of the crate: its architecture and the semantics that must not drift.
///
/// This is `DESIGN.md` from the repository, included here so that its examples run as
/// doctests.
#[doc = include_str!("../DESIGN.md")]
pub mod _design {}
