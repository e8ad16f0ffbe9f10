//! `prova-prover`: the prover daemon and requester CLI of the Prova proof market.
//!
//! - [`chain`]: subxt against the node, typed views of the market.
//! - [`daemon`]: the job queue that turns assignments into submitted proofs,
//!   restart-safe through its [`daemon::journal`].
//! - [`backend`]: where proofs are computed (CPU now; the trait admits a GPU).
//! - [`aggregate`]: the aggregator of the aggregated tier (`run --aggregate`)
//!   and how provers deliver their claimed proofs to it.
//! - [`commands`]: the operator, requester and benchmark subcommands.

pub mod aggregate;
pub mod backend;
pub mod chain;
pub mod cli;
pub mod commands;
pub mod daemon;
pub mod key;
pub mod metrics;
pub mod progress;
