//! What `kplay flows` prints (and `kplay run FLOW.json` on stderr): both sides' numbers next to each other, or
//! one JSON object with the seed, the spec and every metric.

use super::running::Running;
use kplay_core::flows::setup::FlowSpec;
use std::io::{self, Write};

type Out<'a> = &'a mut dyn Write;

fn row(
    out: Out,
    label: &str,
    a: impl std::fmt::Display,
    b: impl std::fmt::Display,
) -> io::Result<()> {
    writeln!(out, "{label:<24}{a:>20}{b:>20}")
}

/// One JSON object: `{"seed", "spec", …metrics}`.
pub fn json(r: &Running, spec: &FlowSpec, seed: u64, out: Out) -> io::Result<()> {
    let v = match (r, spec) {
        (Running::Http(h, m), FlowSpec::Http(s)) => {
            serde_json::json!({"seed": seed, "spec": s, "http": h.metrics(), "messaging": m.metrics()})
        }
        (Running::Pool(f), FlowSpec::Pool(s)) => {
            serde_json::json!({"seed": seed, "spec": s, "metrics": f.metrics()})
        }
        (Running::Polling(f), FlowSpec::Polling(s)) => {
            serde_json::json!({"seed": seed, "spec": s, "metrics": f.metrics()})
        }
        (Running::System(f), FlowSpec::System(s)) => {
            serde_json::json!({"seed": seed, "spec": s, "metrics": f.metrics()})
        }
        _ => serde_json::json!({"seed": seed}),
    };
    serde_json::to_writer(&mut *out, &v)?;
    writeln!(out)
}

/// The side-by-side table.
pub fn text(r: &Running, spec: &FlowSpec, until_ms: u64, seed: u64, out: Out) -> io::Result<()> {
    match r {
        Running::Http(h, m) => http(h.metrics(), m.metrics(), until_ms, seed, out),
        Running::Pool(f) => {
            let threads = match spec {
                FlowSpec::Pool(s) => (s.threads, s.consumer_threads),
                _ => (0, 0),
            };
            pool(f, threads, until_ms, seed, out)
        }
        Running::Polling(f) => polling(f, until_ms, seed, out),
        Running::System(f) => system(f, until_ms, seed, out),
    }
}

fn http(
    h: kplay_core::flows::http::HttpMetrics,
    m: kplay_core::flows::messaging::MessagingMetrics,
    until_ms: u64,
    seed: u64,
    out: Out,
) -> io::Result<()> {
    writeln!(out, "http vs messaging: {until_ms} ms, seed {seed}")?;
    row(out, "", "request-response", "messaging")?;
    row(out, "requests", h.requests, m.requests)?;
    row(out, "ok", h.ok, m.ok)?;
    row(out, "failed (timeout)", h.failed_timeout, 0)?;
    row(out, "failed (error)", h.failed_error, 0)?;
    row(out, "in flight", h.in_flight, m.in_flight)?;
    row(out, "latency p50 ms", h.latency.p50, m.latency.p50)?;
    row(out, "latency p99 ms", h.latency.p99, m.latency.p99)?;
    row(out, "latency max ms", h.latency.max, m.latency.max)?;
    row(out, "throughput /s", h.throughput_per_s, m.throughput_per_s)?;
    row(out, "calls during outage", h.outage_calls, "-")?;
    for g in &m.groups {
        let name = format!("{} lag now / max", g.id);
        row(out, &name, "-", format!("{} / {}", g.lag, g.max_lag))?;
        let name = format!("{} processed", g.id);
        row(out, &name, "-", g.distinct_processed)?;
    }
    Ok(())
}

fn pool(
    f: &kplay_core::flows::pool::PoolFlow,
    (threads, consumer_threads): (u32, u32),
    until_ms: u64,
    seed: u64,
    out: Out,
) -> io::Result<()> {
    let m = f.metrics();
    let (sv, co) = (&m.server, &m.consumer);
    writeln!(
        out,
        "worker pool vs consumer threads: {until_ms} ms, seed {seed}"
    )?;
    row(out, "", "http pool", "consumer")?;
    row(out, "threads", threads, consumer_threads)?;
    row(out, "requests / records", sv.requests, co.produced)?;
    row(out, "answered / processed", sv.completed, co.processed)?;
    row(out, "refused", sv.rejected, 0)?;
    row(
        out,
        "queued now / max",
        format!("{} / {}", sv.queued, sv.max_queue),
        "-",
    )?;
    row(out, "pool exhausted ms", sv.exhausted_ms, "-")?;
    row(
        out,
        "lag now / max",
        "-",
        format!("{} / {}", co.lag, co.max_lag),
    )?;
    row(
        out,
        "latency p50 / p99 ms",
        format!("{} / {}", sv.latency.p50, sv.latency.p99),
        "-",
    )?;
    writeln!(out, "\nthread-ms per bucket (busy / waiting / idle):")?;
    for (a, b) in sv.threads.iter().zip(&co.threads) {
        row(
            out,
            &format!("{} ms", a.start_ms),
            format!("{} / {} / {}", a.busy_ms, a.waiting_ms, a.idle_ms),
            format!("{} / {} / {}", b.busy_ms, b.waiting_ms, b.idle_ms),
        )?;
    }
    Ok(())
}

fn polling(
    f: &kplay_core::flows::polling::PollingFlow,
    until_ms: u64,
    seed: u64,
    out: Out,
) -> io::Result<()> {
    let m = f.metrics();
    writeln!(
        out,
        "polling vs push: {until_ms} ms, seed {seed}, {} events",
        m.events
    )?;
    row(out, "", "polling", "push")?;
    let (p, q) = (&m.poll, &m.push);
    row(out, "requests sent", p.requests, q.requests)?;
    row(out, "empty responses", p.empty_responses, q.empty_responses)?;
    row(out, "server messages", p.server_messages, q.server_messages)?;
    row(
        out,
        "server requests /s",
        p.server_requests_per_s,
        q.server_requests_per_s,
    )?;
    row(out, "delay mean ms", p.delay.mean, q.delay.mean)?;
    row(out, "delay p99 ms", p.delay.p99, q.delay.p99)?;
    row(out, "delay max ms", p.delay.max, q.delay.max)
}

fn system(
    f: &kplay_core::flows::system::SystemFlow,
    until_ms: u64,
    seed: u64,
    out: Out,
) -> io::Result<()> {
    let m = f.metrics();
    writeln!(out, "gateway system: {until_ms} ms, seed {seed}")?;
    let e = &m.end_to_end;
    let lines: Vec<(String, String)> = [
        ("requests", m.requests.to_string()),
        ("refused (gateway or API down)", m.refused.to_string()),
        ("answered", m.written.to_string()),
        (
            "response p50 / p99 ms",
            format!("{} / {}", m.response.p50, m.response.p99),
        ),
        ("pushed", m.notified.to_string()),
        ("pushed twice", m.duplicate_pushes.to_string()),
        (
            "push p50 / p99 / max ms",
            format!("{} / {} / {}", e.p50, e.p99, e.max),
        ),
    ]
    .into_iter()
    .map(|(l, v)| (l.to_string(), v))
    .chain(
        m.lag
            .iter()
            .map(|(g, l)| (format!("{g} lag"), l.to_string())),
    )
    .collect();
    for (label, value) in lines {
        writeln!(out, "{label:<28}{value:>20}")?;
    }
    Ok(())
}
