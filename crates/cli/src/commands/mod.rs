//! One module per subcommand.
pub mod tree;
pub mod lint;
pub mod plan;
