//! A live line per proof when the daemon runs in a terminal.
//!
//! plonky2 reports no progress from inside a proof, so each line shows the
//! elapsed time next to how long the last proof of the same circuit took.
//! Without a terminal (a service, a log file) nothing is drawn; the logs say
//! when each proof starts and ends.

use indicatif::{MultiProgress, ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::{io::IsTerminal, time::Duration};

/// Draws the proofs in flight.
#[derive(Clone)]
pub struct Progress {
	bars: Option<MultiProgress>,
}

impl Progress {
	/// Draws on stderr if it is a terminal, else nothing.
	pub fn for_terminal() -> Progress {
		let bars = std::io::stderr()
			.is_terminal()
			.then(|| MultiProgress::with_draw_target(ProgressDrawTarget::stderr()));
		Progress { bars }
	}

	/// Draws nothing.
	pub fn hidden() -> Progress {
		Progress { bars: None }
	}

	/// Starts a line for one proof; it disappears when the guard drops.
	pub fn start(&self, label: &str, last: Option<Duration>) -> ProofLine {
		let bar = self.bars.as_ref().map(|bars| {
			let bar = bars.add(ProgressBar::new_spinner());
			bar.set_style(
				ProgressStyle::with_template("{spinner} {msg} {elapsed_precise}")
					.expect("static template"),
			);
			let hint =
				last.map(|d| format!(" (last {:.1} s)", d.as_secs_f64())).unwrap_or_default();
			bar.set_message(format!("proving {label}{hint}"));
			bar.enable_steady_tick(Duration::from_millis(200));
			bar
		});
		ProofLine { bar }
	}
}

/// One proof's line.
pub struct ProofLine {
	bar: Option<ProgressBar>,
}

impl Drop for ProofLine {
	fn drop(&mut self) {
		if let Some(bar) = &self.bar {
			bar.finish_and_clear();
		}
	}
}
