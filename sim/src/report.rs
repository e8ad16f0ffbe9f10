//! Output of a scenario's runs: a CSV of requests and one of provers per run,
//! `summary.csv` with one row per run, SVG plots and `report.md`.

use crate::{
	agents::{prova, prova_signed},
	engine::kind_name,
	metrics::Summary,
	records::{Outcome, RunRecord},
	scenario::Scenario,
};
use anyhow::Context;
use plotters::prelude::*;
use std::{fmt::Write as _, path::Path};

/// Writes a run's requests and provers as CSV files named after its mechanism.
pub fn write_run_csv(run: &RunRecord, dir: &Path) -> anyhow::Result<()> {
	let mut requests = String::from(
		"id,profile,requester,mechanism,units,submitted_at,ended_at,outcome,price_prova,max_fee_prova,prover,offers,failures,proofs,adversarial\n",
	);
	for r in &run.requests {
		let outcome = match r.outcome {
			Outcome::Open => "open".to_string(),
			Outcome::Fulfilled => "fulfilled".to_string(),
			Outcome::Expired => "expired".to_string(),
			Outcome::Refused(why) => format!("refused:{why}"),
		};
		let profile = run.profiles.get(r.profile).map_or("-", |p| p.name.as_str());
		writeln!(
			requests,
			"{},{},{},{},{},{},{},{},{:.6},{:.6},{},{},{},{},{}",
			r.id,
			profile,
			r.requester,
			kind_name(r.mechanism),
			r.units,
			r.submitted_at,
			r.ended_at.map_or(String::new(), |b| b.to_string()),
			outcome,
			prova(r.price),
			prova(r.max_fee),
			r.prover.map_or(String::new(), |p| p.to_string()),
			r.offers,
			r.failures,
			r.proofs,
			r.adversarial
		)?;
	}
	std::fs::write(dir.join(format!("{}-requests.csv", run.mechanism)), requests)?;
	let mut provers = String::from(
		"account,name,group,hardware,strategy,role,stake_prova,jobs,failed,units,revenue_prova,balance_change_prova,proving_cost_prova,fees_prova,profit_prova\n",
	);
	for p in &run.provers {
		writeln!(
			provers,
			"{},{},{},{},{},{},{:.3},{},{},{},{:.6},{:.6},{:.6},{:.6},{:.6}",
			p.account,
			p.name,
			p.group,
			p.hardware,
			p.strategy,
			p.role,
			prova(p.stake),
			p.jobs,
			p.failed,
			p.units,
			prova(p.revenue),
			prova_signed(p.balance_change),
			prova(p.proving_cost),
			prova(p.fees),
			prova_signed(p.profit())
		)?;
	}
	std::fs::write(dir.join(format!("{}-provers.csv", run.mechanism)), provers)?;
	Ok(())
}

/// Writes `summary.csv`, the plots and `report.md` for a scenario's runs.
pub fn write_report(
	scenario: &Scenario,
	summaries: &[Summary],
	command: &str,
	dir: &Path,
) -> anyhow::Result<()> {
	std::fs::write(dir.join("summary.csv"), summary_csv(summaries))?;
	plot_latency_cdf(summaries, &dir.join("latency-cdf.svg")).context("latency plot")?;
	plot_price(summaries, &dir.join("price-over-time.svg")).context("price plot")?;
	plot_job_share(summaries, &dir.join("job-share.svg")).context("job share plot")?;
	plot_qos_loss(summaries, &dir.join("qos-loss.svg")).context("QoS plot")?;
	std::fs::write(dir.join("report.md"), markdown(scenario, summaries, command))?;
	Ok(())
}

fn summary_csv(summaries: &[Summary]) -> String {
	let mut out = String::from(
		"scenario,mechanism,seed,blocks,sent,fulfilled,reassigned,expired,refused,price_mean,price_p50,price_p95,latency_p50,latency_p95,latency_p99,surplus_prova,redundant_share,hhi_jobs,nakamoto,top5,total_qos_loss,wall_seconds\n",
	);
	for s in summaries {
		let _ = writeln!(
			out,
			"{},{},{},{},{},{:.4},{:.4},{:.4},{:.4},{:.6},{:.6},{:.6},{},{},{},{:.3},{:.4},{:.4},{},{:.4},{:.4},{:.1}",
			s.scenario,
			s.mechanism,
			s.seed,
			s.blocks,
			s.sent,
			s.fulfilled,
			s.reassigned,
			s.expired,
			s.refused,
			s.price.mean,
			s.price.p50,
			s.price.p95,
			s.latency.p50,
			s.latency.p95,
			s.latency.p99,
			s.surplus,
			s.redundant_share,
			s.hhi_jobs,
			s.nakamoto,
			s.top5,
			s.total_loss,
			s.wall_seconds
		);
	}
	out
}

/// The single-mechanism run with the lowest total QoS loss, and the router's run.
pub fn thesis(summaries: &[Summary]) -> Option<(&Summary, &Summary)> {
	let router = summaries.iter().find(|s| s.mechanism == "router")?;
	let best = summaries
		.iter()
		.filter(|s| s.mechanism != "router")
		.min_by(|a, b| a.total_loss.total_cmp(&b.total_loss))?;
	Some((best, router))
}

fn markdown(scenario: &Scenario, summaries: &[Summary], command: &str) -> String {
	let mut md = String::new();
	let first = &summaries[0];
	let _ = writeln!(md, "# Scenario `{}`\n\n{}\n", scenario.name, scenario.description.trim());
	let _ = writeln!(
		md,
		"{} blocks of 3 s ({:.1} h of chain time), seed {}; regenerate with `{command}`. Figures are for honest requests; a request still open at the end is left out of rates. The QoS loss is defined in `sim/src/metrics.rs` (0 best, 1 worst).\n",
		first.blocks,
		first.blocks as f64 * 3.0 / 3600.0,
		first.seed
	);
	if let Some((best, router)) = thesis(summaries) {
		let holds = router.total_loss < best.total_loss;
		let _ = writeln!(
			md,
			"**Router versus one mechanism for everyone:** total QoS loss {:.3} routed, {:.3} for the best single mechanism (`{}`): the router is {} by {:.1} %.\n",
			router.total_loss,
			best.total_loss,
			best.mechanism,
			if holds { "better" } else { "worse" },
			100.0 * (best.total_loss - router.total_loss).abs() / best.total_loss.max(1e-9)
		);
	}
	md.push_str("## Market outcomes per mechanism\n\n");
	md.push_str("| mechanism | sent | fulfilled | re-assigned | expired | refused | price/unit mean (p50, p95) PROVA | latency p50 / p95 / p99 blocks | requester surplus PROVA | redundant work | HHI jobs | Nakamoto | top-5 share | total QoS loss |\n");
	md.push_str("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
	for s in summaries {
		let _ = writeln!(
			md,
			"| {} | {} | {:.1} % | {:.1} % | {:.1} % | {:.1} % | {:.4} ({:.4}, {:.4}) | {} / {} / {} | {:.1} | {:.1} % | {:.3} | {} | {:.1} % | {:.3} |",
			s.mechanism,
			s.sent,
			100.0 * s.fulfilled,
			100.0 * s.reassigned,
			100.0 * s.expired,
			100.0 * s.refused,
			s.price.mean,
			s.price.p50,
			s.price.p95,
			s.latency.p50,
			s.latency.p95,
			s.latency.p99,
			s.surplus,
			100.0 * s.redundant_share,
			s.hhi_jobs,
			s.nakamoto,
			100.0 * s.top5,
			s.total_loss
		);
	}
	md.push_str("\n## QoS loss per requester profile\n\nEach cell is the profile's loss (lower is better); the last columns name the single mechanism that serves the profile best and the router's margin against it.\n\n");
	let names: Vec<String> = first.profiles.iter().map(|p| p.name.clone()).collect();
	md.push_str("| profile | weights s/c/f/r |");
	for s in summaries {
		let _ = write!(md, " {} |", s.mechanism);
	}
	md.push_str(" best single | router vs best |\n|---|---|");
	for _ in summaries {
		md.push_str("---|");
	}
	md.push_str("---|---|\n");
	for (k, name) in names.iter().enumerate() {
		let q = scenario.requesters.iter().find(|r| &r.profile == name).map(|r| r.qos);
		let weights = q.map_or("-".into(), |q| {
			format!("{}/{}/{}/{}", q.speed, q.cost, q.safety, q.censorship_resistance)
		});
		let _ = write!(md, "| {name} | {weights} |");
		for s in summaries {
			let _ = write!(md, " {:.3} |", s.profiles.get(k).map_or(f64::NAN, |p| p.loss));
		}
		let best = summaries
			.iter()
			.filter(|s| s.mechanism != "router")
			.filter_map(|s| s.profiles.get(k).map(|p| (s.mechanism.as_str(), p.loss)))
			.min_by(|a, b| a.1.total_cmp(&b.1));
		let router = summaries
			.iter()
			.find(|s| s.mechanism == "router")
			.and_then(|s| s.profiles.get(k).map(|p| p.loss));
		match (best, router) {
			(Some((mech, loss)), Some(router)) => {
				let _ = writeln!(md, " {mech} ({loss:.3}) | {:+.3} |", router - loss);
			}
			(Some((mech, loss)), None) => {
				let _ = writeln!(md, " {mech} ({loss:.3}) | - |");
			}
			_ => md.push_str(" - | - |\n"),
		}
	}
	md.push_str("\nComponents (speed / cost / safety / concentration) and fulfilment per profile and mechanism:\n\n| mechanism | profile | requests | fulfilled | speed | cost | safety | HHI | price/unit PROVA | latency p50 |\n|---|---|---|---|---|---|---|---|---|---|\n");
	for s in summaries {
		for p in &s.profiles {
			let _ = writeln!(
				md,
				"| {} | {} | {} | {:.1} % | {:.3} | {:.3} | {:.3} | {:.3} | {:.4} | {} |",
				s.mechanism,
				p.name,
				p.requests,
				100.0 * p.fulfilled,
				p.components[0],
				p.components[1],
				p.components[2],
				p.components[3],
				p.price_per_unit,
				p.latency_p50
			);
		}
	}
	if let Some(router) = summaries.iter().find(|s| s.mechanism == "router") {
		md.push_str("\nThe router's picks: ");
		let picks: Vec<String> = router.mix.iter().map(|(k, n)| format!("{k} {n}")).collect();
		md.push_str(&picks.join(", "));
		md.push_str(".\n");
	}
	md.push_str("\n## Provers' profit by hardware class (honest provers, PROVA)\n\nProfit is the change of a prover's balance (payments, forfeited collateral, slashes) less its proving cost and transaction fees.\n\n| mechanism | hardware | provers | jobs | total | mean | least | most |\n|---|---|---|---|---|---|---|---|\n");
	for s in summaries {
		for h in &s.hardware {
			let _ = writeln!(
				md,
				"| {} | {} | {} | {} | {:.2} | {:.3} | {:.3} | {:.3} |",
				s.mechanism, h.hardware, h.provers, h.jobs, h.total, h.mean, h.min, h.max
			);
		}
	}
	let _ = writeln!(
		md,
		"\nDelegators earned {} PROVA in all (per mechanism run, in order).\n",
		summaries
			.iter()
			.map(|s| format!("{:.2}", s.delegator_rewards))
			.collect::<Vec<_>>()
			.join(" / ")
	);
	if summaries.iter().any(|s| !s.attacks.is_empty()) {
		md.push_str("## Adversaries\n\nProfit is the change of all the adversary's balances less its proving costs and fees; the honest column is what honest provers of the same hardware made per unit of stake, scaled to the adversary's stake.\n\n| mechanism | attack | profit PROVA | honest equivalent PROVA | effect |\n|---|---|---|---|---|\n");
		for s in summaries {
			for a in &s.attacks {
				let _ = writeln!(
					md,
					"| {} | {} | {:.3} | {} | {} |",
					s.mechanism,
					a.attack,
					prova_signed(a.profit),
					a.honest_profit.map_or("-".into(), |h| format!("{:.3}", prova_signed(h))),
					a.effect
				);
			}
		}
		md.push('\n');
	}
	md.push_str("## Plots\n\n![Latency CDF](latency-cdf.svg)\n\n![Price per work unit over time](price-over-time.svg)\n\n![Job share by prover rank](job-share.svg)\n\n![QoS loss per profile](qos-loss.svg)\n\n");
	let broken: Vec<String> = summaries
		.iter()
		.filter_map(|s| s.invariants_broken.as_ref().map(|e| format!("{}: {e}", s.mechanism)))
		.collect();
	let moved = summaries.iter().filter(|s| s.issuance_change != 0).count();
	let _ = writeln!(
		md,
		"Checks: the pallets' invariants (`try_state`) {}; total issuance {}.\n",
		if broken.is_empty() {
			"held in every run".to_string()
		} else {
			format!("broke: {}", broken.join("; "))
		},
		if moved == 0 { "never moved".to_string() } else { format!("moved in {moved} run(s)") }
	);
	let wall: f64 = summaries.iter().map(|s| s.wall_seconds).sum();
	let _ = writeln!(
		md,
		"Simulated {} requests in all in {:.0} s of wall-clock time.",
		summaries.iter().map(|s| s.sent_all).sum::<usize>(),
		wall
	);
	md
}

fn color(i: usize) -> RGBColor {
	const COLORS: [RGBColor; 6] = [
		RGBColor(31, 119, 180),
		RGBColor(255, 127, 14),
		RGBColor(44, 160, 44),
		RGBColor(214, 39, 40),
		RGBColor(148, 103, 189),
		RGBColor(23, 23, 23),
	];
	COLORS[i % COLORS.len()]
}

type PlotResult = Result<(), Box<dyn std::error::Error>>;

fn lines(
	path: &Path,
	title: &str,
	x_desc: &str,
	y_desc: &str,
	series: &[(String, Vec<(f64, f64)>)],
) -> anyhow::Result<()> {
	let draw = || -> PlotResult {
		let root = SVGBackend::new(path, (900, 500)).into_drawing_area();
		root.fill(&WHITE)?;
		let x_max = series.iter().flat_map(|s| s.1.iter().map(|p| p.0)).fold(1.0, f64::max);
		let y_max = series.iter().flat_map(|s| s.1.iter().map(|p| p.1)).fold(1e-9, f64::max);
		let mut chart = ChartBuilder::on(&root)
			.caption(title, ("sans-serif", 22))
			.margin(12)
			.x_label_area_size(40)
			.y_label_area_size(70)
			.build_cartesian_2d(0f64..x_max * 1.02, 0f64..y_max * 1.08)?;
		chart.configure_mesh().x_desc(x_desc).y_desc(y_desc).draw()?;
		for (i, (name, points)) in series.iter().enumerate() {
			let style = ShapeStyle::from(color(i)).stroke_width(2);
			chart
				.draw_series(LineSeries::new(points.iter().copied(), style))?
				.label(name.as_str())
				.legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 18, y)], style));
		}
		chart
			.configure_series_labels()
			.position(SeriesLabelPosition::LowerRight)
			.background_style(WHITE.mix(0.85))
			.border_style(BLACK)
			.draw()?;
		root.present()?;
		Ok(())
	};
	draw().map_err(|e| anyhow::anyhow!("{e}"))
}

fn plot_latency_cdf(summaries: &[Summary], path: &Path) -> anyhow::Result<()> {
	let series: Vec<(String, Vec<(f64, f64)>)> = summaries
		.iter()
		.map(|s| {
			let n = s.latencies.len().max(1) as f64;
			// One point per distinct latency (the last request with it): the
			// same curve with a few dozen points instead of thousands.
			let points = s
				.latencies
				.iter()
				.enumerate()
				.filter(|(i, l)| s.latencies.get(i + 1) != Some(l))
				.map(|(i, l)| (*l as f64, (i + 1) as f64 / n))
				.collect();
			(s.mechanism.clone(), points)
		})
		.collect();
	// The tail past the slowest p99 would flatten the curves into the axis.
	let limit = summaries.iter().map(|s| s.latency.p99).fold(10.0, f64::max) * 1.5;
	let series: Vec<(String, Vec<(f64, f64)>)> = series
		.into_iter()
		.map(|(name, points)| (name, points.into_iter().filter(|(x, _)| *x <= limit).collect()))
		.collect();
	lines(
		path,
		"Latency from submission to proof (CDF, up to 1.5 × the slowest p99)",
		"blocks",
		"share of fulfilled requests",
		&series,
	)
}

fn plot_price(summaries: &[Summary], path: &Path) -> anyhow::Result<()> {
	let series: Vec<(String, Vec<(f64, f64)>)> = summaries
		.iter()
		.map(|s| {
			(s.mechanism.clone(), s.price_over_time.iter().map(|(b, p)| (*b as f64, *p)).collect())
		})
		.collect();
	lines(path, "Mean price per work unit (500-block windows)", "block", "PROVA per unit", &series)
}

fn plot_job_share(summaries: &[Summary], path: &Path) -> anyhow::Result<()> {
	let series: Vec<(String, Vec<(f64, f64)>)> = summaries
		.iter()
		.map(|s| {
			let total: u64 = s.job_shares.iter().map(|(_, j)| j).sum::<u64>().max(1);
			let mut acc = 0.0;
			let points = s
				.job_shares
				.iter()
				.enumerate()
				.map(|(i, (_, j))| {
					acc += *j as f64 / total as f64;
					((i + 1) as f64, acc)
				})
				.collect();
			(s.mechanism.clone(), points)
		})
		.collect();
	lines(
		path,
		"Cumulative share of jobs by prover rank (busiest first)",
		"provers",
		"share of jobs",
		&series,
	)
}

fn plot_qos_loss(summaries: &[Summary], path: &Path) -> anyhow::Result<()> {
	let draw = || -> PlotResult {
		let root = SVGBackend::new(path, (900, 500)).into_drawing_area();
		root.fill(&WHITE)?;
		let profiles: Vec<String> = summaries[0].profiles.iter().map(|p| p.name.clone()).collect();
		let groups = profiles.len() + 1;
		let runs = summaries.len();
		let mut chart = ChartBuilder::on(&root)
			.caption("QoS loss per requester profile (lower is better)", ("sans-serif", 22))
			.margin(12)
			.x_label_area_size(10)
			.y_label_area_size(60)
			.build_cartesian_2d(0f64..groups as f64, -0.08f64..1f64)?;
		chart.configure_mesh().disable_x_mesh().x_labels(0).y_desc("QoS loss").draw()?;
		let names: Vec<String> =
			profiles.iter().cloned().chain(["all (weighted)".to_string()]).collect();
		let anchor = plotters::style::text_anchor::Pos::new(
			plotters::style::text_anchor::HPos::Center,
			plotters::style::text_anchor::VPos::Center,
		);
		chart.draw_series(names.iter().enumerate().map(|(k, name)| {
			Text::new(
				name.clone(),
				(k as f64 + 0.5, -0.04),
				TextStyle::from(("sans-serif", 14).into_font()).pos(anchor),
			)
		}))?;
		let width = 0.8 / runs as f64;
		for (r, s) in summaries.iter().enumerate() {
			let values: Vec<f64> =
				s.profiles.iter().map(|p| p.loss).chain(std::iter::once(s.total_loss)).collect();
			let style = color(r).filled();
			chart
				.draw_series(values.iter().enumerate().map(|(k, v)| {
					let x0 = k as f64 + 0.1 + r as f64 * width;
					Rectangle::new([(x0, 0.0), (x0 + width * 0.9, *v)], style)
				}))?
				.label(s.mechanism.as_str())
				.legend(move |(x, y)| Rectangle::new([(x, y - 5), (x + 12, y + 5)], style));
		}
		chart
			.configure_series_labels()
			.position(SeriesLabelPosition::UpperRight)
			.background_style(WHITE.mix(0.85))
			.border_style(BLACK)
			.draw()?;
		root.present()?;
		Ok(())
	};
	draw().map_err(|e| anyhow::anyhow!("{e}"))
}

/// Writes `dir/README.md` from the `summary.csv` of each scenario folder in
/// `dir`: the total QoS loss of the router and of the best single mechanism.
pub fn write_index(dir: &Path) -> anyhow::Result<()> {
	let mut rows = Vec::new();
	let mut entries: Vec<_> = std::fs::read_dir(dir)
		.with_context(|| format!("cannot read {}", dir.display()))?
		.filter_map(Result::ok)
		.filter(|e| e.path().join("summary.csv").exists())
		.collect();
	entries.sort_by_key(|e| e.file_name());
	for entry in entries {
		let text = std::fs::read_to_string(entry.path().join("summary.csv"))?;
		let mut lines = text.lines();
		let header: Vec<&str> = lines.next().unwrap_or_default().split(',').collect();
		let column = |name: &str| header.iter().position(|h| *h == name);
		let (Some(mech), Some(loss), Some(fulfilled), Some(price), Some(latency)) = (
			column("mechanism"),
			column("total_qos_loss"),
			column("fulfilled"),
			column("price_mean"),
			column("latency_p50"),
		) else {
			anyhow::bail!("{}: not a prova-sim summary", entry.path().display());
		};
		let runs: Vec<Vec<String>> =
			lines.map(|l| l.split(',').map(str::to_string).collect()).collect();
		let value = |row: &Vec<String>, k: usize| row[k].parse::<f64>().unwrap_or(f64::NAN);
		let router = runs.iter().find(|r| r[mech] == "router");
		let best = runs
			.iter()
			.filter(|r| r[mech] != "router")
			.min_by(|a, b| value(a, loss).total_cmp(&value(b, loss)));
		let name = entry.file_name().to_string_lossy().to_string();
		let cells = match (router, best) {
			(Some(router), Some(best)) => format!(
				"{} ({:.3}) | {:.3} | {:+.1} % | {:.1} % | {:.4} | {}",
				best[mech],
				value(best, loss),
				value(router, loss),
				100.0 * (value(router, loss) - value(best, loss)) / value(best, loss),
				100.0 * value(router, fulfilled),
				value(router, price),
				router[latency]
			),
			_ => "- | - | - | - | - | -".to_string(),
		};
		rows.push(format!("| [{name}]({name}/report.md) | {cells} |"));
	}
	let mut md = String::from(
		"# Market evaluation\n\nGenerated by `scripts/market-evaluation.sh` with `prova-sim` (`sim/`): each scenario of `sim/scenarios/` run under each single mechanism (every honest request uses it, with the parameters the router would give it) and under the QoS router, on the real pallets. Each report says which mechanism serves which requester profile best and by how much, and what each adversary gained; its CSVs hold every request and prover.\n\nTotal QoS loss: lower is better (defined in `sim/src/metrics.rs`). A negative margin means the router beats every single mechanism.\n\n| scenario | best single mechanism (loss) | router's loss | router vs best | router: fulfilled | price/unit PROVA | latency p50 |\n|---|---|---|---|---|---|---|\n",
	);
	for row in rows {
		md.push_str(&row);
		md.push('\n');
	}
	std::fs::write(dir.join("README.md"), md)?;
	Ok(())
}
