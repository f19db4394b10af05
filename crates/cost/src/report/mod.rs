//! Report formats for `orbis cost`: the stable JSON shape (documented in README.md), a text
//! table and a self-contained HTML page.

pub mod html;
pub mod json;
pub mod table;
