//! Turning drift into code: `import` blocks with resource skeletons for unmanaged resources
//! (`import_blocks`), and "accept into code" edits of the resource blocks of changed ones
//! (`accept`). Both produce text for a person to review; nothing here writes files.

mod accept;
mod hcl_literal;
mod import;

pub use accept::{accept_changes, AcceptEdit};
pub use hcl_literal::{identifier, render_value};
pub use import::{import_blocks, skeleton_attributes};
