//! Building blocks shared by every capability's pages.

pub mod chart;
pub mod charts;
pub mod format;
#[cfg(feature = "ssr")]
pub mod fragments;
pub mod honeypot;
pub mod layout;
pub mod notice;
pub mod scripts;
