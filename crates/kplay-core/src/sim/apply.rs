//! Command validation (nothing changes on error) and execution.

use super::{stream_id, Command, CommandError, EventKind, GroupState, World};
use crate::consumer::{self, Instance};
use crate::rng::Rng;
use crate::scenario::{
    range_rule, FaultKind, FaultSpec, GroupSpec, Scenario, MAX_PARTITIONS, MAX_THREADS,
};
use crate::sim::snapshot::InstanceStatus;
use crate::topic::Topic;
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

pub(super) fn fault_command(f: &FaultSpec) -> Command {
    let instance = f.instance.clone().unwrap_or_default();
    let producer = f.producer.clone().unwrap_or_default();
    match f.kind {
        FaultKind::Crash => Command::Crash { instance },
        FaultKind::Stop => Command::Stop { instance },
        FaultKind::Restart => Command::Restart { instance },
        FaultKind::Slow => Command::Slow {
            instance,
            processing_ms: f.processing_ms,
        },
        FaultKind::PauseProducer => Command::PauseProducer { producer },
        FaultKind::ResumeProducer => Command::ResumeProducer { producer },
        FaultKind::AddPartitions => Command::AddPartitions {
            topic: f.topic.clone().unwrap_or_default(),
            partitions: f.partitions.unwrap_or(0),
        },
        #[cfg(feature = "brokers")]
        FaultKind::CrashBroker => Command::CrashBroker {
            broker: f.broker.unwrap_or(u32::MAX),
        },
        #[cfg(feature = "brokers")]
        FaultKind::RestartBroker => Command::RestartBroker {
            broker: f.broker.unwrap_or(u32::MAX),
        },
        #[cfg(feature = "brokers")]
        FaultKind::SlowFollower | FaultKind::LoseAck | FaultKind::ElectPreferred => {
            super::brokers::replication_fault_command(f, producer)
        }
    }
}

fn err(field: &str, problem: impl Into<String>) -> CommandError {
    CommandError::new(field, problem)
}

/// Runs the scenario validator over the world's topics plus one new item, re-rooting the paths at `root`.
fn check_spec(s: &Scenario, prefix: &str, root: &str) -> Result<(), CommandError> {
    match s.validate() {
        Ok(()) => Ok(()),
        Err(problems) => {
            // Only the new item's problems count: the world's own items may legitimately differ from a fresh
            // scenario (e.g. a group still subscribed to a deleted topic).
            let rest = problems.iter().find_map(|p| {
                let rest = p.path.strip_prefix(prefix)?;
                (rest.is_empty() || rest.starts_with('.')).then_some((rest, p))
            });
            // A cap on a list that holds the new item (`groups[0].instances`, `groups`, `topics`) counts too.
            let cap = || {
                problems.iter().find(|p| {
                    prefix
                        .strip_prefix(p.path.as_str())
                        .is_some_and(|r| r.starts_with('['))
                })
            };
            match (rest, cap()) {
                (Some((rest, p)), _) => Err(CommandError::new(
                    format!("{root}{rest}"),
                    p.problem.clone(),
                )),
                (None, Some(p)) => Err(CommandError::new(p.path.clone(), p.problem.clone())),
                (None, None) => Ok(()),
            }
        }
    }
}

impl World {
    fn scenario_of_topics(&self) -> Scenario {
        Scenario {
            topics: self
                .topics
                .iter()
                .filter(|t| !t.removed)
                .map(|t| t.spec.clone())
                .collect(),
            #[cfg(feature = "brokers")]
            brokers: self
                .cluster
                .as_ref()
                .map(|c| c.specs.clone())
                .unwrap_or_default(),
            ..Scenario::default()
        }
    }

    fn find_instance(&self, id: &str) -> Result<(usize, usize), CommandError> {
        for (gi, g) in self.groups.iter().enumerate() {
            if let Some(ii) = g.instances.iter().position(|i| i.spec.id == id) {
                return Ok((gi, ii));
            }
        }
        Err(err("instance", format!("unknown instance {id:?}")))
    }

    pub(super) fn find_producer(&self, id: &str) -> Result<usize, CommandError> {
        self.producers
            .iter()
            .position(|p| p.spec.id == id)
            .ok_or_else(|| err("producer", format!("unknown producer {id:?}")))
    }

    fn find_group(&self, id: &str) -> Result<usize, CommandError> {
        self.groups
            .iter()
            .position(|g| g.spec.id == id)
            .ok_or_else(|| err("group", format!("unknown group {id:?}")))
    }

    pub(super) fn check(&self, c: &Command) -> Result<(), CommandError> {
        match c {
            Command::AddTopic { topic } => {
                let mut s = self.scenario_of_topics();
                s.topics.push(topic.clone());
                check_spec(&s, &format!("topics[{}]", s.topics.len() - 1), "topic")?;
                #[cfg(feature = "brokers")]
                self.check_placement("topic.replication_factor", topic.replication_factor)?;
                Ok(())
            }
            Command::AddPartitions { topic, partitions } => {
                let t = Topic::find(&self.topics, topic)
                    .map(|i| &self.topics[i])
                    .ok_or_else(|| err("topic", format!("unknown topic {topic:?}")))?;
                let cur = t.partition_count();
                if *partitions <= cur || *partitions > MAX_PARTITIONS {
                    return Err(err(
                        "partitions",
                        format!("must be above the current count {cur} and at most {MAX_PARTITIONS} (partitions are never removed)"),
                    ));
                }
                // The new partitions get the topic's replication factor, on running brokers.
                #[cfg(feature = "brokers")]
                self.check_placement("partitions", t.spec.replication_factor)?;
                Ok(())
            }
            Command::AddProducer { producer } => {
                if self.producers.len() >= usize::from(u16::MAX) {
                    return Err(err("producer", "at most 65535 producers"));
                }
                let mut s = self.scenario_of_topics();
                s.producers = self.producers.iter().map(|p| p.spec.clone()).collect();
                s.producers.push(producer.clone());
                check_spec(
                    &s,
                    &format!("producers[{}]", s.producers.len() - 1),
                    "producer",
                )
            }
            Command::RemoveTopic { topic } => self.check_remove_topic(topic),
            Command::RemoveProducer { producer }
            | Command::PauseProducer { producer }
            | Command::ResumeProducer { producer } => self.find_producer(producer).map(|_| ()),
            Command::SetRate {
                producer,
                rate_per_s,
            } => {
                self.find_producer(producer)?;
                if *rate_per_s > crate::scenario::MAX_RATE_PER_S {
                    return Err(err(
                        "rate_per_s",
                        range_rule(0, crate::scenario::MAX_RATE_PER_S.into()),
                    ));
                }
                Ok(())
            }
            Command::AddGroup { group } => {
                let mut s = self.scenario_of_topics();
                s.groups = self.groups.iter().map(|g| self.group_spec(g)).collect();
                s.groups.push(group.clone());
                check_spec(&s, &format!("groups[{}]", s.groups.len() - 1), "group")
            }
            Command::RemoveGroup { group } => self.find_group(group).map(|_| ()),
            Command::AddInstance { group, instance } => {
                let gi = self.find_group(group)?;
                let mut s = self.scenario_of_topics();
                s.groups = self.groups.iter().map(|g| self.group_spec(g)).collect();
                s.groups[gi].instances.push(instance.clone());
                check_spec(
                    &s,
                    &format!(
                        "groups[{gi}].instances[{}]",
                        s.groups[gi].instances.len() - 1
                    ),
                    "instance",
                )
            }
            Command::SetThreads { instance, threads } => {
                self.find_instance(instance)?;
                if *threads == 0 || *threads > MAX_THREADS {
                    return Err(err("threads", range_rule(1, MAX_THREADS.into())));
                }
                Ok(())
            }
            Command::SetProcessing {
                instance,
                processing_ms,
            } => {
                self.find_instance(instance)?;
                match processing_ms {
                    crate::scenario::Processing::Fixed(ms) if *ms > 3_600_000 => {
                        Err(err("processing_ms", range_rule(0, 3_600_000)))
                    }
                    crate::scenario::Processing::Range { min, max }
                        if min > max || *max > 3_600_000 =>
                    {
                        Err(err("processing_ms", "must have min <= max <= 3600000"))
                    }
                    _ => Ok(()),
                }
            }
            Command::RemoveInstance { instance }
            | Command::Crash { instance }
            | Command::Stop { instance } => self.find_instance(instance).map(|_| ()),
            Command::Restart { instance } => {
                let (gi, ii) = self.find_instance(instance)?;
                if self.groups[gi].instances[ii].is_running() {
                    return Err(err(
                        "instance",
                        format!("instance {instance:?} is running; only a crashed or stopped instance restarts"),
                    ));
                }
                Ok(())
            }
            Command::Subscribe { instance, topics } => {
                self.find_instance(instance)?;
                if topics.is_empty() {
                    return Err(err("topics", "must subscribe to at least one topic"));
                }
                for (k, t) in topics.iter().enumerate() {
                    if Topic::find(&self.topics, t).is_none() {
                        return Err(err(&format!("topics[{k}]"), format!("unknown topic {t:?}")));
                    }
                    if topics[..k].contains(t) {
                        return Err(err(
                            &format!("topics[{k}]"),
                            format!("duplicate topic {t:?}"),
                        ));
                    }
                }
                Ok(())
            }
            #[cfg(feature = "brokers")]
            Command::CrashBroker { broker } => self.check_broker(*broker, false),
            #[cfg(feature = "brokers")]
            Command::RestartBroker { broker } => self.check_broker(*broker, true),
            #[cfg(feature = "brokers")]
            Command::SlowFollower { .. }
            | Command::LoseAck { .. }
            | Command::ElectPreferred { .. } => self.check_replication_command(c),
            Command::Slow {
                instance,
                processing_ms,
            } => {
                self.find_instance(instance)?;
                if processing_ms.is_some_and(|ms| ms > 3_600_000) {
                    return Err(err("processing_ms", range_rule(0, 3_600_000)));
                }
                Ok(())
            }
        }
    }

    fn group_spec(&self, g: &crate::consumer::GroupRt) -> GroupSpec {
        let mut spec = g.spec.clone();
        spec.instances = g.instances.iter().map(|i| i.spec.clone()).collect();
        spec
    }

    pub(super) fn fault_event(
        &mut self,
        fault: &str,
        instance: Option<&str>,
        producer: Option<&str>,
        topic: Option<&str>,
    ) {
        let kind = EventKind::Fault {
            fault: fault.into(),
            instance: instance.map(String::from),
            producer: producer.map(String::from),
            topic: topic.map(String::from),
        };
        self.events.push(self.now_ms, kind);
    }

    fn set_paused(&mut self, producer: &str, paused: bool) {
        if let Ok(pi) = self.find_producer(producer) {
            self.producers[pi].paused = paused;
            let name = if paused {
                "pause_producer"
            } else {
                "resume_producer"
            };
            self.fault_event(name, None, Some(producer), None);
        }
    }

    /// Runs a checked command.
    pub(super) fn execute(&mut self, c: Command) {
        let now = self.now_ms;
        match c {
            Command::AddTopic { topic } => {
                self.topics.push(Topic::new(&topic));
                #[cfg(feature = "brokers")]
                self.add_topic_replicas(&topic);
            }
            Command::AddPartitions { topic, partitions } => {
                self.fault_event("add_partitions", None, None, Some(&topic));
                if let Some(ti) = Topic::find(&self.topics, &topic) {
                    self.topics[ti].grow_to(partitions);
                    #[cfg(feature = "brokers")]
                    if let Some(c) = &mut self.cluster {
                        c.grow(ti, &self.topics[ti].spec, partitions);
                    }
                }
            }
            #[cfg(feature = "brokers")]
            Command::CrashBroker { broker } => self.set_broker_up(broker, false),
            #[cfg(feature = "brokers")]
            Command::RestartBroker { broker } => self.set_broker_up(broker, true),
            #[cfg(feature = "brokers")]
            c @ (Command::SlowFollower { .. }
            | Command::LoseAck { .. }
            | Command::ElectPreferred { .. }) => self.run_replication_command(c),
            Command::AddProducer { producer } => self.add_producer(&producer),
            Command::RemoveTopic { topic } => self.remove_topic(&topic),
            Command::RemoveProducer { producer } => {
                if let Ok(pi) = self.find_producer(&producer) {
                    let mut out = Vec::new();
                    self.producers[pi].flush(&mut out);
                    self.append(pi, &out, now);
                    self.producers.remove(pi);
                }
            }
            Command::PauseProducer { producer } => self.set_paused(&producer, true),
            Command::ResumeProducer { producer } => self.set_paused(&producer, false),
            Command::SetRate {
                producer,
                rate_per_s,
            } => {
                if let Ok(pi) = self.find_producer(&producer) {
                    self.producers[pi].spec.rate_per_s = rate_per_s;
                }
            }
            Command::AddGroup { group } => self.add_group(&group),
            Command::RemoveGroup { group } => {
                if let Ok(gi) = self.find_group(&group) {
                    let mut ctx = consumer_ctx!(self, now);
                    let g = &mut self.groups[gi];
                    for ii in 0..g.instances.len() {
                        consumer::stop(g, ii, &mut ctx);
                    }
                    let generation = g.coord.generation;
                    ctx.ev.push(
                        now,
                        EventKind::GroupState {
                            group,
                            state: GroupState::Dead.name().into(),
                            generation,
                        },
                    );
                    self.groups.remove(gi);
                }
            }
            Command::AddInstance { group, instance } => {
                if let Ok(gi) = self.find_group(&group) {
                    let rng = Rng::derive(self.seed, stream_id("instance", &instance.id));
                    let slot = self.groups[gi].stats.listener_slot(&instance.listener);
                    let inst = Instance::new(&instance, now, rng, slot);
                    self.groups[gi].instances.push(inst);
                    self.check_listeners(gi);
                }
            }
            Command::RemoveInstance { instance } => {
                if let Ok((gi, ii)) = self.find_instance(&instance) {
                    let mut ctx = consumer_ctx!(self, now);
                    consumer::stop(&mut self.groups[gi], ii, &mut ctx);
                    self.groups[gi].instances.remove(ii);
                }
            }
            Command::SetThreads { instance, threads } => {
                if let Ok((gi, ii)) = self.find_instance(&instance) {
                    let mut ctx = consumer_ctx!(self, now);
                    consumer::set_threads(&mut self.groups[gi], ii, threads, &mut ctx);
                }
            }
            Command::SetProcessing {
                instance,
                processing_ms,
            } => {
                if let Ok((gi, ii)) = self.find_instance(&instance) {
                    let inst = &mut self.groups[gi].instances[ii];
                    inst.spec.processing_ms = processing_ms;
                    inst.slow_ms = None;
                    if inst.status == InstanceStatus::Slow {
                        inst.status = InstanceStatus::Up;
                    }
                }
            }
            Command::Subscribe { instance, topics } => {
                if let Ok((gi, ii)) = self.find_instance(&instance) {
                    consumer::subscribe(&mut self.groups[gi], ii, topics);
                    self.check_listeners(gi);
                }
            }
            Command::Crash { instance }
            | Command::Stop { instance }
            | Command::Restart { instance }
            | Command::Slow { instance, .. }
                if self.find_instance(&instance).is_err() => {}
            Command::Crash { instance } => {
                self.fault_event("crash", Some(&instance), None, None);
                if let Ok((gi, ii)) = self.find_instance(&instance) {
                    let mut ctx = consumer_ctx!(self, now);
                    consumer::crash(&mut self.groups[gi], ii, &mut ctx);
                }
            }
            Command::Stop { instance } => {
                self.fault_event("stop", Some(&instance), None, None);
                if let Ok((gi, ii)) = self.find_instance(&instance) {
                    let mut ctx = consumer_ctx!(self, now);
                    if self.groups[gi].instances[ii].is_running() {
                        consumer::stop(&mut self.groups[gi], ii, &mut ctx);
                    }
                }
            }
            Command::Restart { instance } => {
                self.fault_event("restart", Some(&instance), None, None);
                if let Ok((gi, ii)) = self.find_instance(&instance) {
                    consumer::restart(&mut self.groups[gi], ii, now);
                }
            }
            Command::Slow {
                instance,
                processing_ms,
            } => {
                self.fault_event("slow", Some(&instance), None, None);
                if let Ok((gi, ii)) = self.find_instance(&instance) {
                    let g = &mut self.groups[gi];
                    let ms = processing_ms.unwrap_or(g.spec.max_poll_interval_ms);
                    let inst = &mut g.instances[ii];
                    inst.slow_ms = Some(ms);
                    if inst.is_running() {
                        inst.status = InstanceStatus::Slow;
                    }
                }
            }
        }
    }
}
