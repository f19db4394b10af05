//! One module per subcommand.
pub mod cost;
pub mod lint;
pub mod plan;
pub mod tree;
