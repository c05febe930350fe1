//! The notes' contrasts as small deterministic models next to the engine (issue 12): request-response vs
//! messaging ([`http`], [`messaging`]), an HTTP worker pool vs consumer threads ([`pool`]), polling vs push
//! ([`polling`]), and the gateway system around Kafka ([`system`]).
//!
//! Each model runs on the engine's clock model: [`http::HttpFlow::step`] and the others advance whole virtual
//! milliseconds, and any split of time gives the same result. Randomness comes from [`crate::rng::Rng`] streams
//! derived from the seed, times are whole milliseconds, rates are records per second with the engine
//! producer's schedule ([`arrivals`]), and nothing uses floats. The messaging sides are the engine itself
//! ([`crate::sim::World`] with a scenario): there is no second model of Kafka.
//!
//! ```
//! use kplay_core::flows::{http::{HttpFlow, HttpSpec}, messaging::{MessagingFlow, MessagingSpec}};
//! let mut http = HttpFlow::new(&HttpSpec::default(), 42).unwrap();
//! let mut msg = MessagingFlow::new(&MessagingSpec::default(), 42).unwrap();
//! http.run_until(5_000);
//! msg.run_until(5_000);
//! assert_eq!(http.metrics().requests, msg.metrics().requests);
//! ```

pub mod http;
pub mod messaging;
pub mod polling;
pub mod pool;
pub mod setup;
mod stats;
pub mod system;
pub mod trace;

pub use stats::{arrivals, per_second, Latency, Samples, Summary, MAX_MS};
