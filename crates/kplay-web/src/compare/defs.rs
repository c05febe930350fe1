//! The contrasts as data: each view's inputs, actions, counter rows, charts and boxes. Everything the screen
//! shows is named here; [`super::views`] maps it onto `kplay_core::flows`.

use super::View;

/// One editable number: its field path in the model's spec (its label is `cmp.<view>.<path>`), its bounds and
/// its default. `down_s` (how long an action's outage lasts) is the view's own, not the spec's.
#[derive(Debug)]
pub struct Param {
    /// Field path, as the core's rules name it.
    pub path: &'static str,
    /// Smallest value.
    pub lo: u32,
    /// Largest value (the web keeps rates lower than the core does, so a frame stays short).
    pub hi: u32,
    /// Default.
    pub default: u32,
}

/// A view as data.
#[derive(Debug)]
pub struct Def {
    /// The editable numbers.
    pub params: &'static [Param],
    /// Action ids (label `cmp.<view>.act.<id>`): each makes a box fail from now for `down_s` seconds.
    pub actions: &'static [&'static str],
    /// Counter row ids (label `cmp.<view>.row.<id>`), in the order [`rows`] fills them.
    pub rows: &'static [&'static str],
    /// Charts: a row drawn over time for both sides, as a level or per second (`true`).
    pub charts: &'static [(usize, bool)],
    /// The boxes of the system's picture (label `cmp.box.<id>`) and the action that takes each down.
    pub boxes: &'static [(&'static str, Option<usize>)],
}

const fn p(path: &'static str, lo: u32, hi: u32, default: u32) -> Param {
    Param {
        path,
        lo,
        hi,
        default,
    }
}

/// The longest latency or window (the core's `MAX_MS`).
const H: u32 = 3_600_000;

static HTTP: Def = Def {
    params: &[
        p("rate_per_s", 0, 2_000, 20),
        p("order_ms", 0, H, 5),
        p("payment.latency.fixed_ms", 0, H, 20),
        p("email.latency.fixed_ms", 0, H, 20),
        p("email.timeout_ms", 1, H, 1_000),
        p("threads", 1, 64, 3),
        p("down_s", 1, 3_600, 60),
    ],
    actions: &["email_down"],
    rows: &[
        "requests",
        "answered",
        "failed",
        "p50",
        "p99",
        "throughput",
        "in_flight",
        "email_lag",
        "email_waiting",
        "email_max_lag",
    ],
    charts: &[(1, true), (2, true), (6, false), (7, false)],
    boxes: &[],
};

static POLLING: Def = Def {
    params: &[
        p("clients", 1, 1_000, 100),
        p("period_ms", 500, H, 10_000),
        p("rate_per_s", 0, 1_000, 1),
        p("latency_ms", 0, H, 50),
    ],
    actions: &[],
    rows: &[
        "events", "requests", "empty", "messages", "rps", "mean", "p99", "max",
    ],
    charts: &[(1, true), (2, true), (5, false)],
    boxes: &[],
};

static POOL: Def = Def {
    params: &[
        p("threads", 1, 10_000, 200),
        p("accept_count", 0, 100_000, 100),
        p("rate_per_s", 0, 20_000, 200),
        p("burst.rate_per_s", 0, 20_000, 2_500),
        p("burst.from_ms", 0, H, 10_000),
        p("burst.to_ms", 0, H, 12_000),
        p("downstream.fixed_ms", 0, H, 90),
        p("cpu_ms", 1, H, 5),
        p("consumer_threads", 1, 64, 32),
    ],
    actions: &[],
    rows: &[
        "requests",
        "done",
        "refused",
        "waiting",
        "max_waiting",
        "busy",
        "io",
        "idle",
    ],
    charts: &[(2, true), (3, false), (5, false), (6, false), (7, false)],
    boxes: &[],
};

static SYSTEM: Def = Def {
    params: &[
        p("rate_per_s", 0, 2_000, 20),
        p("gateway.fixed_ms", 0, H, 10),
        p("api.fixed_ms", 0, H, 5),
        p("payment.fixed_ms", 0, H, 20),
        p("threads", 1, 64, 3),
        p("websocket.fixed_ms", 0, H, 1),
        p("push_ms", 0, H, 50),
        p("down_s", 1, 3_600, 30),
        p("follow", 0, 10_000_000, 0),
    ],
    actions: &[
        "gateway_down",
        "api_down",
        "payment_crash",
        "websocket_crash",
    ],
    rows: &[
        "requests",
        "refused",
        "answered",
        "p50",
        "p99",
        "pushed",
        "twice",
        "push_p50",
        "push_p99",
        "payment_lag",
        "websocket_lag",
        "follow_sent",
        "follow_written",
        "follow_paid",
        "follow_pushed",
    ],
    charts: &[(2, true), (5, true), (9, false), (10, false)],
    boxes: &[
        ("browser", None),
        ("gateway", Some(0)),
        ("api", Some(1)),
        ("orders", None),
        ("payment", Some(2)),
        ("notifications", None),
        ("websocket", Some(3)),
        ("browser", None),
    ],
};

impl View {
    /// The view as data.
    pub fn def(self) -> &'static Def {
        match self {
            View::Http => &HTTP,
            View::Polling => &POLLING,
            View::Pool => &POOL,
            View::System => &SYSTEM,
        }
    }
}
