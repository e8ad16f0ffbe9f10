//! Tests: the verifier on its own, and the pallet in a mock runtime.

mod verifier;
