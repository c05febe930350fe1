//! Setting one key of a [`FlowSetup`]: which spec field (or window) it is.

use super::{FlowSetup, Model, Value};
use crate::flows::http::{Hop, OutageMode};
use crate::flows::polling::Spread;
use crate::scenario::Ratio;

impl FlowSetup {
    /// Stores `v` (already read by the key's rule) in the field `key` names.
    pub(super) fn put(&mut self, key: &str, v: Value) {
        let (n, n32) = (v.n(), v.n32());
        let ratio = match v {
            Value::Ratio(r) => r,
            _ => Ratio::from_millionths(0),
        };
        let word = match v {
            Value::Word(w) => w,
            _ => "",
        };
        match self.model {
            Model::Http => {
                let (s, f) = (&mut self.http.ack_ms, &mut self.http.flow);
                match key {
                    "rate" => f.rate_per_s = n32,
                    "order_ms" => f.order_ms = n32,
                    "payment_ms" => f.payment.latency.fixed_ms = n32,
                    "payment_jitter_ms" => f.payment.latency.jitter_ms = n32,
                    "payment_failure" => f.payment.failure = ratio,
                    "payment_timeout_ms" => f.payment.timeout_ms = n32,
                    "email_ms" => f.email.latency.fixed_ms = n32,
                    "email_jitter_ms" => f.email.latency.jitter_ms = n32,
                    "email_failure" => f.email.failure = ratio,
                    "email_timeout_ms" => f.email.timeout_ms = n32,
                    "outage" => {
                        self.outage = Some(if word == "payment" {
                            Hop::Payment
                        } else {
                            Hop::Email
                        })
                    }
                    "outage_from_ms" => self.outage_window.0 = n,
                    "outage_to_ms" => self.outage_window.1 = n,
                    "outage_mode" => {
                        self.outage_mode = if word == "refuse" {
                            OutageMode::Refuse
                        } else {
                            OutageMode::Hang
                        }
                    }
                    "bucket_ms" => f.bucket_ms = n32,
                    "ack_ms" => *s = n32,
                    "partitions" => self.http.partitions = n32,
                    _ => self.http.threads = n32,
                }
            }
            Model::Pool => {
                let s = &mut self.pool;
                match key {
                    "threads" => s.threads = n32,
                    "accept_count" => s.accept_count = n32,
                    "rate" => s.rate_per_s = n32,
                    "burst_rate" => self.burst.rate_per_s = n32,
                    "burst_from_ms" => self.burst.from_ms = n,
                    "burst_to_ms" => self.burst.to_ms = n,
                    "downstream_ms" => s.downstream.fixed_ms = n32,
                    "downstream_jitter_ms" => s.downstream.jitter_ms = n32,
                    "cpu_ms" => s.cpu_ms = n32,
                    "consumer_threads" => s.consumer_threads = n32,
                    _ => s.bucket_ms = n32,
                }
            }
            Model::Polling => {
                let s = &mut self.polling;
                match key {
                    "clients" => s.clients = n32,
                    "period_ms" => s.period_ms = n32,
                    "rate" => s.rate_per_s = n32,
                    "latency_ms" => s.latency_ms = n32,
                    _ => {
                        s.spread = if word == "random" {
                            Spread::Random
                        } else {
                            Spread::Even
                        }
                    }
                }
            }
            Model::System => {
                let s = &mut self.system;
                match key {
                    "rate" => s.rate_per_s = n32,
                    "gateway_ms" => s.gateway.fixed_ms = n32,
                    "gateway_jitter_ms" => s.gateway.jitter_ms = n32,
                    "api_ms" => s.api.fixed_ms = n32,
                    "ack_ms" => s.ack_ms = n32,
                    "payment_ms" => s.payment.fixed_ms = n32,
                    "payment_jitter_ms" => s.payment.jitter_ms = n32,
                    "push_ms" => s.push_ms = n32,
                    "partitions" => s.partitions = n32,
                    "threads" => s.threads = n32,
                    "crash" => {
                        self.crash = Some(if word == "payment" {
                            "payment-1"
                        } else {
                            "websocket-1"
                        })
                    }
                    "crash_from_ms" => self.crash_window.0 = n,
                    "crash_to_ms" => self.crash_window.1 = n,
                    "gateway_down_from_ms" => self.gateway_down.0 = Some(n),
                    "gateway_down_to_ms" => self.gateway_down.1 = Some(n),
                    "api_down_from_ms" => self.api_down.0 = Some(n),
                    _ => self.api_down.1 = Some(n),
                }
            }
        }
    }
}
