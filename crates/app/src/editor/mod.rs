//! The editor's Rust side (issue 6): open buffers, live diagnostics, saves, disk changes,
//! Problems, navigation, rename, completion, format and search.

pub mod dto;
