//! Unit tests, by topic, against the mock runtime.

mod registration;
