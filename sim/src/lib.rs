//! # prova-sim
//!
//! An agent-based simulator of Prova's proof market, for evidence about its
//! mechanisms rather than claims: provers, delegators, requesters and
//! adversaries act on the **real pallets** (`pallet-provers`,
//! `pallet-proof-market`, `pallet-balances`, `frame-system`) in a test
//! runtime whose parameters are Prova's ([`runtime`]), block after block with
//! the market's own hook. The simulator never decides who is paid what: it
//! reads outcomes from the pallets' events and balances.
//!
//! One thing is replaced, so that 10^5 requests run in minutes: the Plonky2
//! verifier ([`runtime::SimVerifier`]): a proof is valid when the simulated
//! prover flags it so, while verification is still charged at the real
//! verifier's benchmarked weight. Proving itself is modelled
//! ([`agents::ProverAgent`]): time per work unit by hardware class (from
//! `prova-prover bench`'s measured table), a cost per proving second, one job
//! at a time per machine.
//!
//! A run ([`engine::Engine`]) takes a [`scenario::Scenario`] (TOML), the
//! mechanism every honest request uses (one of five, with the parameters
//! the router would give it, or the router itself) and a seed; it is
//! reproducible from the seed. [`metrics`] turns its [`records`] into the
//! figures of the report ([`report`]): prices, latencies, failure rates,
//! profit by hardware class, concentration, redundant work, each requester
//! profile's QoS loss and what each adversary gained ([`attacks`]).

pub mod agents;
pub mod attacks;
pub mod engine;
pub mod metrics;
pub mod records;
pub mod report;
pub mod runtime;
pub mod scenario;
