//! Compliance evaluation through the public API.
