//! `kplay flows http|pool|polling [--key value …] [--seed N] [--until-ms T] [--json]`: runs one of the notes'
//! contrasts (docs/flows.md) and prints both sides' numbers next to each other, or as one JSON object.

use crate::error::CliError;
use kplay_core::flows::http::{Hop, HttpFlow, Outage, OutageMode};
use kplay_core::flows::messaging::{MessagingFlow, MessagingSpec};
use kplay_core::flows::polling::{PollingFlow, PollingSpec, Spread};
use kplay_core::flows::pool::{Burst, PoolFlow, PoolSpec};
use kplay_core::flows::system::{SystemFlow, SystemSpec, Window};
use kplay_core::flows::MAX_MS;
use kplay_core::scenario::{parse_whole, FaultKind, FaultSpec, Ratio, ScenarioProblem};

const USAGE: &str = "usage: kplay flows http|pool|polling|system [--key value …] [--seed N] [--until-ms T] [--json] (keys: docs/flows.md)";

/// The options every model takes, and the model's own `--key value` pairs in order.
struct Common {
    seed: u64,
    until_ms: u64,
    json: bool,
    pairs: Vec<(String, String)>,
}

fn common(args: &[String], until_default: u64) -> Result<Common, CliError> {
    let mut c = Common {
        seed: 42,
        until_ms: until_default,
        json: false,
        pairs: Vec::new(),
    };
    let mut it = args.iter();
    while let Some(a) = it.next() {
        if a == "--json" {
            c.json = true;
            continue;
        }
        if !a.starts_with("--") {
            return Err(CliError::new(
                "arguments",
                format!("unexpected argument {a:?}\n{USAGE}"),
            ));
        }
        let v = it
            .next()
            .cloned()
            .ok_or_else(|| CliError::new(a.clone(), "missing value"))?;
        match a.as_str() {
            "--seed" => c.seed = whole(a, &v, 0, u64::MAX)?,
            "--until-ms" => c.until_ms = whole(a, &v, 1, 86_400_000)?,
            _ => c.pairs.push((a.clone(), v)),
        }
    }
    Ok(c)
}

fn whole(opt: &str, v: &str, lo: u64, hi: u64) -> Result<u64, CliError> {
    parse_whole(v, lo, hi).map_err(|e| CliError::new(opt, e))
}

fn int(opt: &str, v: &str, lo: u64, hi: u64) -> Result<u32, CliError> {
    whole(opt, v, lo, hi.min(u64::from(u32::MAX))).map(|n| n as u32)
}

fn ratio(opt: &str, v: &str) -> Result<Ratio, CliError> {
    Ratio::from_decimal(v.trim())
        .filter(|r| r.valid().is_some())
        .ok_or_else(|| CliError::new(opt, format!("must be a number from 0 to 1, got {v:?}")))
}

fn unknown(opt: &str) -> CliError {
    CliError::new(opt, format!("unknown option\n{USAGE}"))
}

/// Prints every spec problem but the last and returns the last.
fn problems(ps: Vec<ScenarioProblem>) -> CliError {
    let mut errors: Vec<CliError> = ps
        .into_iter()
        .map(|p| CliError::new(p.path, p.problem))
        .collect();
    let last = errors
        .pop()
        .unwrap_or_else(|| CliError::new("flows", "invalid setup"));
    for e in errors {
        eprintln!("{e}");
    }
    last
}

/// `kplay flows …`.
pub fn run(args: &[String]) -> Result<(), CliError> {
    match args.split_first() {
        Some((m, rest)) if m == "http" => http(rest),
        Some((m, rest)) if m == "pool" => pool(rest),
        Some((m, rest)) if m == "polling" => polling(rest),
        Some((m, rest)) if m == "system" => system(rest),
        Some((m, _)) => Err(CliError::new(
            "flows",
            format!("unknown model {m:?}; expected http, pool, polling or system"),
        )),
        None => Err(CliError::new("flows", format!("missing model\n{USAGE}"))),
    }
}

fn http_spec(pairs: &[(String, String)]) -> Result<MessagingSpec, CliError> {
    let mut s = MessagingSpec::default();
    let mut outage = None;
    let (mut from, mut to, mut mode) = (30_000, 90_000, OutageMode::Hang);
    for (k, v) in pairs {
        let f = &mut s.flow;
        match k.as_str() {
            "--rate" => f.rate_per_s = int(k, v, 0, 100_000)?,
            "--order-ms" => f.order_ms = int(k, v, 0, MAX_MS)?,
            "--payment-ms" => f.payment.latency.fixed_ms = int(k, v, 0, MAX_MS)?,
            "--payment-jitter-ms" => f.payment.latency.jitter_ms = int(k, v, 0, MAX_MS)?,
            "--payment-failure" => f.payment.failure = ratio(k, v)?,
            "--payment-timeout-ms" => f.payment.timeout_ms = int(k, v, 1, MAX_MS)?,
            "--email-ms" => f.email.latency.fixed_ms = int(k, v, 0, MAX_MS)?,
            "--email-jitter-ms" => f.email.latency.jitter_ms = int(k, v, 0, MAX_MS)?,
            "--email-failure" => f.email.failure = ratio(k, v)?,
            "--email-timeout-ms" => f.email.timeout_ms = int(k, v, 1, MAX_MS)?,
            "--outage" => {
                outage = Some(match v.as_str() {
                    "email" => Hop::Email,
                    "payment" => Hop::Payment,
                    _ => {
                        return Err(CliError::new(
                            k,
                            format!("must be email or payment, got {v:?}"),
                        ))
                    }
                })
            }
            "--outage-from-ms" => from = whole(k, v, 0, 86_400_000)?,
            "--outage-to-ms" => to = whole(k, v, 1, 86_400_000)?,
            "--outage-mode" => {
                mode = match v.as_str() {
                    "hang" => OutageMode::Hang,
                    "refuse" => OutageMode::Refuse,
                    _ => {
                        return Err(CliError::new(
                            k,
                            format!("must be hang or refuse, got {v:?}"),
                        ))
                    }
                }
            }
            "--bucket-ms" => f.bucket_ms = int(k, v, 1, MAX_MS)?,
            "--ack-ms" => s.ack_ms = int(k, v, 0, MAX_MS)?,
            "--partitions" => s.partitions = int(k, v, 1, 64)?,
            "--threads" => s.threads = int(k, v, 1, 64)?,
            _ => return Err(unknown(k)),
        }
    }
    s.flow.outage = outage.map(|hop| Outage {
        hop,
        from_ms: from,
        to_ms: to,
        mode,
    });
    Ok(s)
}

fn http(args: &[String]) -> Result<(), CliError> {
    let c = common(args, 120_000)?;
    let spec = http_spec(&c.pairs)?;
    let mut h = HttpFlow::new(&spec.flow, c.seed).map_err(problems)?;
    let mut m = MessagingFlow::new(&spec, c.seed).map_err(problems)?;
    h.run_until(c.until_ms);
    m.run_until(c.until_ms);
    let (h, m) = (h.metrics(), m.metrics());
    if c.json {
        return print_json(
            &serde_json::json!({"seed": c.seed, "spec": spec, "http": h, "messaging": m}),
        );
    }
    println!("http vs messaging: {} ms, seed {}", c.until_ms, c.seed);
    row("", "request-response", "messaging");
    row("requests", h.requests, m.requests);
    row("ok", h.ok, m.ok);
    row("failed (timeout)", h.failed_timeout, 0);
    row("failed (error)", h.failed_error, 0);
    row("in flight", h.in_flight, m.in_flight);
    row("latency p50 ms", h.latency.p50, m.latency.p50);
    row("latency p99 ms", h.latency.p99, m.latency.p99);
    row("latency max ms", h.latency.max, m.latency.max);
    row("throughput /s", h.throughput_per_s, m.throughput_per_s);
    row("calls during outage", h.outage_calls, "-");
    for g in &m.groups {
        let name = format!("{} lag now / max", g.id);
        row(&name, "-", format!("{} / {}", g.lag, g.max_lag));
        let name = format!("{} processed", g.id);
        row(&name, "-", g.distinct_processed);
    }
    Ok(())
}

fn pool(args: &[String]) -> Result<(), CliError> {
    let c = common(args, 60_000)?;
    let mut s = PoolSpec::default();
    let mut burst = s.burst.unwrap_or(Burst {
        from_ms: 10_000,
        to_ms: 12_000,
        rate_per_s: 2_500,
    });
    for (k, v) in &c.pairs {
        match k.as_str() {
            "--threads" => s.threads = int(k, v, 1, 10_000)?,
            "--accept-count" => s.accept_count = int(k, v, 0, 100_000)?,
            "--rate" => s.rate_per_s = int(k, v, 0, 100_000)?,
            "--burst-rate" => burst.rate_per_s = int(k, v, 0, 100_000)?,
            "--burst-from-ms" => burst.from_ms = whole(k, v, 0, 86_400_000)?,
            "--burst-to-ms" => burst.to_ms = whole(k, v, 1, 86_400_000)?,
            "--downstream-ms" => s.downstream.fixed_ms = int(k, v, 0, MAX_MS)?,
            "--downstream-jitter-ms" => s.downstream.jitter_ms = int(k, v, 0, MAX_MS)?,
            "--cpu-ms" => s.cpu_ms = int(k, v, 1, MAX_MS)?,
            "--consumer-threads" => s.consumer_threads = int(k, v, 1, 64)?,
            "--bucket-ms" => s.bucket_ms = int(k, v, 1, MAX_MS)?,
            _ => return Err(unknown(k)),
        }
    }
    s.burst = Some(burst);
    let mut f = PoolFlow::new(&s, c.seed).map_err(problems)?;
    f.run_until(c.until_ms);
    let m = f.metrics();
    if c.json {
        return print_json(&serde_json::json!({"seed": c.seed, "spec": s, "metrics": m}));
    }
    let (sv, co) = (&m.server, &m.consumer);
    println!(
        "worker pool vs consumer threads: {} ms, seed {}",
        c.until_ms, c.seed
    );
    row("", "http pool", "consumer");
    row("threads", s.threads, s.consumer_threads);
    row("requests / records", sv.requests, co.produced);
    row("answered / processed", sv.completed, co.processed);
    row("refused", sv.rejected, 0);
    row(
        "queued now / max",
        format!("{} / {}", sv.queued, sv.max_queue),
        "-",
    );
    row("pool exhausted ms", sv.exhausted_ms, "-");
    row("lag now / max", "-", format!("{} / {}", co.lag, co.max_lag));
    row(
        "latency p50 / p99 ms",
        format!("{} / {}", sv.latency.p50, sv.latency.p99),
        "-",
    );
    println!("\nthread-ms per bucket (busy / waiting / idle):");
    for (a, b) in sv.threads.iter().zip(&co.threads) {
        row(
            &format!("{} ms", a.start_ms),
            format!("{} / {} / {}", a.busy_ms, a.waiting_ms, a.idle_ms),
            format!("{} / {} / {}", b.busy_ms, b.waiting_ms, b.idle_ms),
        );
    }
    Ok(())
}

fn polling(args: &[String]) -> Result<(), CliError> {
    let c = common(args, 300_000)?;
    let mut s = PollingSpec::default();
    for (k, v) in &c.pairs {
        match k.as_str() {
            "--clients" => s.clients = int(k, v, 1, 100_000)?,
            "--period-ms" => s.period_ms = int(k, v, 1, MAX_MS)?,
            "--rate" => s.rate_per_s = int(k, v, 0, 100_000)?,
            "--latency-ms" => s.latency_ms = int(k, v, 0, MAX_MS)?,
            "--spread" => {
                s.spread = match v.as_str() {
                    "even" => Spread::Even,
                    "random" => Spread::Random,
                    _ => {
                        return Err(CliError::new(
                            k,
                            format!("must be even or random, got {v:?}"),
                        ))
                    }
                }
            }
            _ => return Err(unknown(k)),
        }
    }
    let mut f = PollingFlow::new(&s, c.seed).map_err(problems)?;
    f.run_until(c.until_ms);
    let m = f.metrics();
    if c.json {
        return print_json(&serde_json::json!({"seed": c.seed, "spec": s, "metrics": m}));
    }
    println!(
        "polling vs push: {} ms, seed {}, {} events",
        c.until_ms, c.seed, m.events
    );
    row("", "polling", "push");
    let (p, q) = (&m.poll, &m.push);
    row("requests sent", p.requests, q.requests);
    row("empty responses", p.empty_responses, q.empty_responses);
    row("server messages", p.server_messages, q.server_messages);
    row(
        "server requests /s",
        p.server_requests_per_s,
        q.server_requests_per_s,
    );
    row("delay mean ms", p.delay.mean, q.delay.mean);
    row("delay p99 ms", p.delay.p99, q.delay.p99);
    row("delay max ms", p.delay.max, q.delay.max);
    Ok(())
}

fn system(args: &[String]) -> Result<(), CliError> {
    let c = common(args, 90_000)?;
    let mut s = SystemSpec::default();
    let (mut crash, mut from, mut to) = (None, 10_000, 40_000);
    let (mut api_from, mut api_to) = (None, None);
    for (k, v) in &c.pairs {
        match k.as_str() {
            "--rate" => s.rate_per_s = int(k, v, 0, 10_000)?,
            "--gateway-ms" => s.gateway.fixed_ms = int(k, v, 0, MAX_MS)?,
            "--gateway-jitter-ms" => s.gateway.jitter_ms = int(k, v, 0, MAX_MS)?,
            "--api-ms" => s.api.fixed_ms = int(k, v, 0, MAX_MS)?,
            "--ack-ms" => s.ack_ms = int(k, v, 0, MAX_MS)?,
            "--payment-ms" => s.payment.fixed_ms = int(k, v, 0, MAX_MS)?,
            "--payment-jitter-ms" => s.payment.jitter_ms = int(k, v, 0, MAX_MS)?,
            "--push-ms" => s.push_ms = int(k, v, 0, MAX_MS)?,
            "--partitions" => s.partitions = int(k, v, 1, 64)?,
            "--threads" => s.threads = int(k, v, 1, 64)?,
            "--crash" => {
                crash = Some(match v.as_str() {
                    "payment" => "payment-1",
                    "websocket" => "websocket-1",
                    _ => {
                        return Err(CliError::new(
                            k,
                            format!("must be payment or websocket, got {v:?}"),
                        ))
                    }
                })
            }
            "--crash-from-ms" => from = whole(k, v, 0, 86_400_000)?,
            "--crash-to-ms" => to = whole(k, v, 1, 86_400_000)?,
            "--api-down-from-ms" => api_from = Some(whole(k, v, 0, 86_400_000)?),
            "--api-down-to-ms" => api_to = Some(whole(k, v, 1, 86_400_000)?),
            _ => return Err(unknown(k)),
        }
    }
    if let Some(instance) = crash {
        if from >= to {
            return Err(CliError::new(
                "--crash-to-ms",
                "must be after --crash-from-ms",
            ));
        }
        s.faults
            .push(FaultSpec::new(from, FaultKind::Crash).instance(instance));
        s.faults
            .push(FaultSpec::new(to, FaultKind::Restart).instance(instance));
    }
    s.api_down = match (api_from, api_to) {
        (Some(from_ms), Some(to_ms)) => Some(Window { from_ms, to_ms }),
        (None, None) => None,
        (None, Some(_)) => {
            return Err(CliError::new(
                "--api-down-from-ms",
                "required with --api-down-to-ms",
            ))
        }
        (Some(_), None) => {
            return Err(CliError::new(
                "--api-down-to-ms",
                "required with --api-down-from-ms",
            ))
        }
    };
    let mut f = SystemFlow::new(&s, c.seed).map_err(problems)?;
    f.run_until(c.until_ms);
    let m = f.metrics();
    if c.json {
        return print_json(&serde_json::json!({"seed": c.seed, "spec": s, "metrics": m}));
    }
    println!("gateway system: {} ms, seed {}", c.until_ms, c.seed);
    let e = &m.end_to_end;
    let lines: Vec<(String, String)> = [
        ("requests", m.requests.to_string()),
        ("refused by the API", m.refused.to_string()),
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
        println!("{label:<28}{value:>20}");
    }
    Ok(())
}

fn row(label: &str, a: impl std::fmt::Display, b: impl std::fmt::Display) {
    println!("{label:<24}{a:>20}{b:>20}");
}

fn print_json(v: &serde_json::Value) -> Result<(), CliError> {
    let text = serde_json::to_string(v)
        .map_err(|e| CliError::new("--json", format!("cannot write: {e}")))?;
    println!("{text}");
    Ok(())
}
