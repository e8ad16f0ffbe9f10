//! Tests of governance calls and of the set handed to `pallet-session`.

mod governance;
mod session;
