//! A model's setup from `key = value` pairs: the one place that knows each key's bounds ([`Model::keys`]),
//! its default (the model's `Default` spec and the windows of [`FlowSetup::new`]) and the rules across keys
//! ([`FlowSetup::build`]). `kplay flows --key value` and flow scenario files ([`file`]) both read through it,
//! so the two cannot disagree.
//!
//! ```
//! use kplay_core::flows::setup::{FlowSetup, FlowSpec, Model};
//! let mut s = FlowSetup::new(Model::Polling);
//! s.set("clients", "10").unwrap();
//! s.set("spread", "random").unwrap();
//! s.set("rate", "5000").unwrap(); // within the key's own bounds…
//! let err = s.build(&|k| k.into()).unwrap_err(); // …but not with random spread
//! assert_eq!(err[0].to_string(), "rate: must be a whole number from 0 to 1000 with spread random, got 5000");
//! s.set("rate", "2").unwrap();
//! let Ok(FlowSpec::Polling(p)) = s.build(&|k| k.into()) else { panic!() };
//! assert_eq!((p.clients, p.rate_per_s), (10, 2));
//! ```

pub mod file;
mod keys;
mod put;

pub use keys::{Key, Rule, MAX_RUN_MS};

use super::http::{Hop, Outage, OutageMode};
use super::messaging::MessagingSpec;
use super::polling::{PollingSpec, Spread};
use super::pool::{Burst, PoolSpec};
use super::system::{SystemSpec, Window};
use crate::scenario::{range_rule, FaultKind, FaultSpec, Ratio, ScenarioProblem};
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

/// The four contrasts.
///
/// ```
/// use kplay_core::flows::setup::Model;
/// assert_eq!(Model::from_name("pool"), Some(Model::Pool));
/// assert_eq!(Model::System.name(), "system");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Model {
    /// Request-response vs messaging ([`super::http`], [`super::messaging`]).
    Http,
    /// Worker pool vs consumer threads ([`super::pool`]).
    Pool,
    /// Polling vs push ([`super::polling`]).
    Polling,
    /// The gateway system ([`super::system`]).
    System,
}

impl Model {
    /// Every model, in the order of docs/flows.md.
    pub const ALL: [Model; 4] = [Model::Http, Model::Pool, Model::Polling, Model::System];

    /// Its name (`kplay flows NAME`, a file's `flow`).
    ///
    /// ```
    /// assert_eq!(kplay_core::flows::setup::Model::Http.name(), "http");
    /// ```
    pub fn name(self) -> &'static str {
        match self {
            Model::Http => "http",
            Model::Pool => "pool",
            Model::Polling => "polling",
            Model::System => "system",
        }
    }

    /// The model of that name.
    ///
    /// ```
    /// assert_eq!(kplay_core::flows::setup::Model::from_name("grpc"), None);
    /// ```
    pub fn from_name(name: &str) -> Option<Model> {
        Model::ALL.into_iter().find(|m| m.name() == name)
    }

    /// Its keys, in documentation order.
    ///
    /// ```
    /// assert_eq!(kplay_core::flows::setup::Model::Polling.keys()[0].name, "clients");
    /// ```
    pub fn keys(self) -> &'static [Key] {
        keys::table(self)
    }

    /// The key of that name.
    ///
    /// ```
    /// assert!(kplay_core::flows::setup::Model::Pool.key("outage").is_none());
    /// ```
    pub fn key(self, name: &str) -> Option<&'static Key> {
        self.keys().iter().find(|k| k.name == name)
    }

    /// How long `kplay flows` runs it when `--until-ms` is not given (ms).
    ///
    /// ```
    /// assert_eq!(kplay_core::flows::setup::Model::Polling.default_until_ms(), 300_000);
    /// ```
    pub fn default_until_ms(self) -> u64 {
        match self {
            Model::Http => 120_000,
            Model::Pool => 60_000,
            Model::Polling => 300_000,
            Model::System => 90_000,
        }
    }
}

/// A key's value once read by its [`Rule`].
///
/// ```
/// assert_eq!(kplay_core::flows::setup::Value::Whole(3), kplay_core::flows::setup::Value::Whole(3));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Value {
    /// A whole number.
    Whole(u64),
    /// A share from 0 to 1.
    Ratio(Ratio),
    /// One of the key's words.
    Word(&'static str),
}

impl Value {
    fn n(self) -> u64 {
        match self {
            Value::Whole(n) => n,
            _ => 0,
        }
    }

    /// Every u32 key's bound is below `u32::MAX`, so this never saturates on a value its rule let through.
    fn n32(self) -> u32 {
        u32::try_from(self.n()).unwrap_or(u32::MAX)
    }
}

/// Why [`FlowSetup::set`] refused a key.
///
/// ```
/// use kplay_core::flows::setup::{FlowSetup, Model, SetError};
/// assert_eq!(FlowSetup::new(Model::Http).set("colour", "red"), Err(SetError::Unknown));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SetError {
    /// The model has no such key.
    Unknown,
    /// The value breaks the key's rule (the rule in words, with the value).
    Rule(String),
}

/// A built setup: the spec a model runs.
///
/// ```
/// use kplay_core::flows::setup::{FlowSetup, FlowSpec, Model};
/// assert!(matches!(FlowSetup::new(Model::Pool).build(&|k| k.into()), Ok(FlowSpec::Pool(_))));
/// ```
#[derive(Clone, Debug, PartialEq)]
pub enum FlowSpec {
    /// Both sides of request-response vs messaging.
    Http(MessagingSpec),
    /// Worker pool vs consumer threads.
    Pool(PoolSpec),
    /// Polling vs push.
    Polling(PollingSpec),
    /// The gateway system.
    System(SystemSpec),
}

/// The keys set so far on top of the defaults.
///
/// ```
/// use kplay_core::flows::setup::{FlowSetup, FlowSpec, Model};
/// let mut s = FlowSetup::new(Model::Http);
/// s.set("outage", "email").unwrap();
/// let Ok(FlowSpec::Http(m)) = s.build(&|k| k.into()) else { panic!() };
/// // Only the hop given: the window defaults to 30 s – 90 s.
/// assert_eq!(m.flow.outage.map(|o| (o.from_ms, o.to_ms)), Some((30_000, 90_000)));
/// ```
#[derive(Clone, Debug)]
pub struct FlowSetup {
    model: Model,
    http: MessagingSpec,
    outage: Option<Hop>,
    outage_window: (u64, u64),
    outage_mode: OutageMode,
    pool: PoolSpec,
    burst: Burst,
    polling: PollingSpec,
    system: SystemSpec,
    crash: Option<&'static str>,
    crash_window: (u64, u64),
    api_down: (Option<u64>, Option<u64>),
    gateway_down: (Option<u64>, Option<u64>),
}

impl FlowSetup {
    /// The defaults of `model`: its spec's `Default`, an outage window of 30 s – 90 s (HTTP), the pool's burst
    /// of 2500/s from 10 s to 12 s, a crash window of 10 s – 40 s (system).
    ///
    /// ```
    /// let s = kplay_core::flows::setup::FlowSetup::new(kplay_core::flows::setup::Model::System);
    /// assert_eq!(s.model().name(), "system");
    /// ```
    pub fn new(model: Model) -> Self {
        let pool = PoolSpec::default();
        FlowSetup {
            model,
            http: MessagingSpec::default(),
            outage: None,
            outage_window: (30_000, 90_000),
            outage_mode: OutageMode::Hang,
            burst: pool.burst.unwrap_or(Burst {
                from_ms: 10_000,
                to_ms: 12_000,
                rate_per_s: 2_500,
            }),
            pool,
            polling: PollingSpec::default(),
            system: SystemSpec::default(),
            crash: None,
            crash_window: (10_000, 40_000),
            api_down: (None, None),
            gateway_down: (None, None),
        }
    }

    /// Its model.
    pub fn model(&self) -> Model {
        self.model
    }

    /// Sets `key` from its text (an option's value; a file's number or string as written).
    ///
    /// ```
    /// use kplay_core::flows::setup::{FlowSetup, Model, SetError};
    /// let mut s = FlowSetup::new(Model::Http);
    /// let e = s.set("rate", "-5").unwrap_err();
    /// assert_eq!(e, SetError::Rule("must be a whole number from 0 to 100000, got a negative number".into()));
    /// ```
    pub fn set(&mut self, key: &str, text: &str) -> Result<(), SetError> {
        let k = self.model.key(key).ok_or(SetError::Unknown)?;
        let v = k.read(text).map_err(SetError::Rule)?;
        self.put(k.name, v);
        Ok(())
    }

    /// The spec, or every rule across keys that is broken. Problems name keys through `name` (a file keeps
    /// `outage_to_ms`, the CLI writes `--outage-to-ms`); the model's own `validate` runs last.
    ///
    /// ```
    /// use kplay_core::flows::setup::{FlowSetup, Model};
    /// let mut s = FlowSetup::new(Model::Pool);
    /// s.set("burst_from_ms", "5000").unwrap();
    /// s.set("burst_to_ms", "10").unwrap();
    /// let flag = |k: &str| format!("--{}", k.replace('_', "-"));
    /// let e = s.build(&flag).unwrap_err();
    /// assert_eq!(e[0].to_string(), "--burst-to-ms: must be after --burst-from-ms");
    /// ```
    pub fn build(&self, name: &dyn Fn(&str) -> String) -> Result<FlowSpec, Vec<ScenarioProblem>> {
        let mut ps = Vec::new();
        let mut window = |(from, to): (u64, u64), from_key: &str, to_key: &str| {
            if from >= to {
                ps.push(ScenarioProblem::new(
                    name(to_key),
                    format!("must be after {}", name(from_key)),
                ));
            }
        };
        let spec = match self.model {
            Model::Http => {
                let mut s = self.http.clone();
                if let Some(hop) = self.outage {
                    window(self.outage_window, "outage_from_ms", "outage_to_ms");
                    s.flow.outage = Some(Outage {
                        hop,
                        from_ms: self.outage_window.0,
                        to_ms: self.outage_window.1,
                        mode: self.outage_mode,
                    });
                }
                FlowSpec::Http(s)
            }
            Model::Pool => {
                window(
                    (self.burst.from_ms, self.burst.to_ms),
                    "burst_from_ms",
                    "burst_to_ms",
                );
                let mut s = self.pool;
                s.burst = Some(self.burst);
                FlowSpec::Pool(s)
            }
            Model::Polling => {
                let s = self.polling;
                if s.spread == Spread::Random && s.rate_per_s > 1000 {
                    ps.push(ScenarioProblem::new(
                        name("rate"),
                        format!(
                            "{} with {} random, got {}",
                            range_rule(0, 1000),
                            name("spread"),
                            s.rate_per_s
                        ),
                    ));
                }
                FlowSpec::Polling(s)
            }
            Model::System => FlowSpec::System(self.system(&mut ps, name)),
        };
        if !ps.is_empty() {
            return Err(ps);
        }
        let checked = match &spec {
            FlowSpec::Http(s) => s.validate(),
            FlowSpec::Pool(s) => s.validate(),
            FlowSpec::Polling(s) => s.validate(),
            FlowSpec::System(s) => s.validate(),
        };
        checked.map(|()| spec)
    }

    fn system(&self, ps: &mut Vec<ScenarioProblem>, name: &dyn Fn(&str) -> String) -> SystemSpec {
        let mut s = self.system.clone();
        let mut after = |to_key: &str, from_key: &str| {
            ps.push(ScenarioProblem::new(
                name(to_key),
                format!("must be after {}", name(from_key)),
            ));
        };
        if let Some(instance) = self.crash {
            let (from, to) = self.crash_window;
            if from >= to {
                after("crash_to_ms", "crash_from_ms");
            }
            s.faults
                .push(FaultSpec::new(from, FaultKind::Crash).instance(instance));
            s.faults
                .push(FaultSpec::new(to, FaultKind::Restart).instance(instance));
        }
        s.gateway_down = window(ps, name, self.gateway_down, "gateway_down");
        s.api_down = window(ps, name, self.api_down, "api_down");
        s
    }
}

/// The window `<prefix>_from_ms` .. `<prefix>_to_ms` of a flow file: both or neither, `to` after `from`.
fn window(
    ps: &mut Vec<ScenarioProblem>,
    name: &dyn Fn(&str) -> String,
    (from, to): (Option<u64>, Option<u64>),
    prefix: &str,
) -> Option<Window> {
    let key = |end: &str| name(&format!("{prefix}_{end}_ms"));
    match (from, to) {
        (Some(from_ms), Some(to_ms)) => {
            if from_ms >= to_ms {
                ps.push(ScenarioProblem::new(
                    key("to"),
                    format!("must be after {}", key("from")),
                ));
            }
            Some(Window { from_ms, to_ms })
        }
        (None, None) => None,
        (from, _) => {
            let (missing, given) = if from.is_none() {
                ("from", "to")
            } else {
                ("to", "from")
            };
            ps.push(ScenarioProblem::new(
                key(missing),
                format!("required with {}", key(given)),
            ));
            None
        }
    }
}
