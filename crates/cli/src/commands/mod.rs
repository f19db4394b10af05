//! One module per subcommand.
pub mod clusters;
pub mod clusters_audit;
pub mod clusters_discover;
pub mod clusters_gitops;
pub mod cost;
// `--chart` of `cost breakdown|diff`, kept out of cost.rs.
mod cost_chart;
pub mod fmt;
pub mod inventory;
// `--diff` of `fmt`, kept out of fmt.rs.
pub mod doctor;
pub mod drift;
// `--live` of `drift`, kept out of drift.rs (cloud feature).
mod drift_live;
mod fmt_diff;
pub mod lint;
pub mod new;
pub mod plan;
pub mod run;
pub mod state;
pub mod tree;
