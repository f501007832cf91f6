//! Coordinator screens for sessions.
