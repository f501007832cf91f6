//! Building blocks shared by every capability's pages.

pub mod format;
pub mod layout;
pub mod notice;
pub mod chart;
pub mod charts;
