//! `kplay run SCENARIO.json --until-ms T [--seed S] [--trace FILE|-]`: runs the engine (or a flow scenario's
//! models) and writes the trace as JSON Lines (DESIGN.md §3, docs/scenario.md); a summary goes to stderr.

use crate::error::CliError;
use crate::flows::{report, running::Running};
use crate::scenario_file::{self, Loaded};
use kplay_core::flows::setup::file::FlowFile;
use kplay_core::scenario::parse_whole;
use kplay_core::sim::World;
use std::io::Write;

struct Args {
    path: String,
    until_ms: u64,
    seed: Option<u64>,
    trace: Option<String>,
}

fn parse(args: &[String]) -> Result<Args, CliError> {
    let mut path = None;
    let (mut until_ms, mut seed, mut trace) = (None, None, None);
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let mut value = |name: &str| {
            it.next()
                .cloned()
                .ok_or_else(|| CliError::new(name.to_string(), "missing value"))
        };
        match a.as_str() {
            "--until-ms" => {
                let v = value("--until-ms")?;
                until_ms = Some(
                    parse_whole(&v, 0, kplay_core::scenario::MAX_RUN_MS)
                        .map_err(|e| CliError::new("--until-ms", e))?,
                );
            }
            "--seed" => {
                let v = value("--seed")?;
                seed = Some(parse_whole(&v, 0, u64::MAX).map_err(|e| CliError::new("--seed", e))?);
            }
            "--trace" => trace = Some(value("--trace")?),
            other if other.starts_with("--") => {
                return Err(CliError::new(other.to_string(), "unknown option"));
            }
            other if path.is_none() => path = Some(other.to_string()),
            other => {
                return Err(CliError::new(
                    "arguments",
                    format!("unexpected argument {other:?}"),
                ))
            }
        }
    }
    Ok(Args {
        path: path.ok_or_else(|| CliError::new("arguments", "missing SCENARIO.json"))?,
        until_ms: until_ms.ok_or_else(|| CliError::new("--until-ms", "required"))?,
        seed,
        trace,
    })
}

pub fn run(args: &[String]) -> Result<(), CliError> {
    let args = parse(args)?;
    let scenario = match scenario_file::load(&args.path)? {
        Loaded::Engine(s) => s,
        Loaded::Flow(f) => return run_flow(&args, f),
    };
    let seed = args.seed.unwrap_or(scenario.seed);
    let mut world = World::new(&scenario, seed).map_err(|ps| {
        let list = ps.into_iter().map(|p| (p.path, p.problem)).collect();
        scenario_file::report(&args.path, list)
    })?;
    let mut out = trace_out(&args)?;
    if out.is_none() {
        world.set_trace_level(kplay_core::sim::TraceLevel::Lifecycle);
    }
    world.set_event_capacity(usize::MAX);
    while world.now_ms() < args.until_ms {
        world.step((args.until_ms - world.now_ms()).min(100));
        let events = world.drain_events();
        if let Some(w) = out.as_mut() {
            for e in &events {
                let written = serde_json::to_writer(&mut *w, e)
                    .map_err(std::io::Error::from)
                    .and_then(|()| w.write_all(b"\n"));
                if let Err(e) = written {
                    return write_failed(e);
                }
            }
        }
    }
    if let Some(mut w) = out {
        if let Err(e) = w.flush() {
            return write_failed(e);
        }
    }
    let snap = world.snapshot();
    let t = &snap.totals;
    eprintln!(
        "ran {} until {} ms (seed {seed}): produced {}, processed {} ({} duplicates), rebalances {}, deleted {}",
        args.path, snap.now_ms, t.produced, t.processed, t.duplicates, t.rebalances, t.deleted
    );
    let brokers = world.replication_totals().is_some();
    if let Some((lost, written_twice)) = world.replication_totals() {
        eprintln!("brokers: {lost} records lost in leader elections, {written_twice} written twice by retries");
    }
    for g in &snap.groups {
        let lag: u64 = g.partitions.iter().filter_map(|p| p.lag).sum();
        eprintln!(
            "group {}: {} generation {}, {} members, processed {} ({} duplicates), lag {lag}",
            g.id,
            g.state.name(),
            g.generation,
            g.members.len(),
            g.processed,
            g.duplicates
        );
        if brokers {
            eprintln!("  {}", coordinator_line(&world, &g.id));
        }
        if g.deleted_before_read + g.skipped_by_reset > 0 {
            eprintln!(
                "  never read: {} deleted before read, {} skipped by reset",
                g.deleted_before_read, g.skipped_by_reset
            );
        }
        for (listener, missed) in &g.missed_by_listener {
            eprintln!("  listener {listener} never saw {missed} records");
        }
        if g.lost_in_handoff > 0 {
            eprintln!(
                "  {} records lost in a hand-off (committed, then dropped unprocessed)",
                g.lost_in_handoff
            );
        }
    }
    Ok(())
}

/// With brokers: which broker coordinates group `id` at the end of the run (the leader of its
/// `__consumer_offsets` partition), or why none does.
fn coordinator_line(world: &World, id: &str) -> String {
    let Some((p, replicas)) = world.group_coordinator_replicas(id) else {
        return String::from(
            "coordinator: none (__consumer_offsets not created: fewer running brokers than its replication factor)",
        );
    };
    let replicas: Vec<String> = replicas.iter().map(u32::to_string).collect();
    let at = format!("__consumer_offsets-{p}, replicas {}", replicas.join(","));
    match world.group_coordinator(id) {
        Some(b) => format!("coordinator: broker {b} (leader of {at})"),
        None => format!("coordinator: unavailable (no running leader of {at})"),
    }
}

/// Where `--trace` goes: nowhere, stdout (`-`) or a new file.
fn trace_out(args: &Args) -> Result<Option<Box<dyn Write>>, CliError> {
    Ok(match args.trace.as_deref() {
        None => None,
        Some("-") => Some(Box::new(std::io::BufWriter::new(std::io::stdout().lock()))),
        Some(file) => Some(Box::new(std::io::BufWriter::new(
            std::fs::File::create(file)
                .map_err(|e| CliError::new("--trace", format!("cannot create {file:?}: {e}")))?,
        ))),
    })
}

/// A flow scenario: its models run to `--until-ms`, their events as JSON Lines (docs/scenario.md "Flow
/// traces"), and on stderr the table `kplay flows` prints.
fn run_flow(args: &Args, f: FlowFile) -> Result<(), CliError> {
    let seed = args.seed.unwrap_or(f.seed);
    let mut r = Running::new(&f.spec, seed).map_err(|ps| {
        let list = ps.into_iter().map(|p| (p.path, p.problem)).collect();
        scenario_file::report(&args.path, list)
    })?;
    let mut out = trace_out(args)?;
    if out.is_some() {
        r.trace();
    }
    let ran = r.run_until(args.until_ms, &mut |lines| {
        if let Some(w) = out.as_mut() {
            for line in &lines {
                serde_json::to_writer(&mut *w, line).map_err(std::io::Error::from)?;
                w.write_all(b"\n")?;
            }
        }
        Ok(())
    });
    if let Err(e) = ran.and_then(|()| out.as_mut().map_or(Ok(()), |w| w.flush())) {
        return write_failed(e);
    }
    drop(out);
    eprintln!(
        "ran {} until {} ms (seed {seed}): flow {}",
        args.path,
        r.now_ms(),
        f.model.name()
    );
    report::text(&r, &f.spec, r.now_ms(), seed, &mut std::io::stderr().lock())
        .map_err(|e| CliError::new("stderr", format!("write failed: {e}")))
}

/// A closed reader (`kplay run --trace - | head`) is not an error: the run stops quietly with success, as
/// Unix filters do. Any other write failure is reported.
fn write_failed(e: std::io::Error) -> Result<(), CliError> {
    if e.kind() == std::io::ErrorKind::BrokenPipe {
        Ok(())
    } else {
        Err(CliError::new("--trace", format!("write failed: {e}")))
    }
}
