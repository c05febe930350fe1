#!/usr/bin/env python3
"""Differential test: kplay's murmur2, keyed partitioning, range and roundrobin against kafka-python.

kafka-python ports Kafka's murmur2 and its range / roundrobin assignors; for dynamic members (no
group.instance.id) and member ids in the Basic Multilingual Plane below U+D800 its results equal Kafka's Java
ones, so any difference is a kplay bug. Two kafka-python limits shape the groups compared here:
- its handling of mixed static and dynamic members differs from Kafka, so only dynamic members are generated
  (mixed groups are tested in Rust against Kafka's own rules and Kafka-computed cases);
- its RoundRobinPartitionAssignor crashes (KeyError) as soon as it must skip a member not subscribed to a topic
  (the skip loop assigns a tuple to member_id), so roundrobin is compared only on groups whose members all have
  the same subscription; roundrobin with differing subscriptions is covered by the Kafka-computed cases.

usage: python tools/differential/kafka_python_diff.py --kplay PATH [--seed N] [--keys N] [--groups N]
Prints `differential: K keys, G groups (range R, roundrobin RR), M mismatches`; exits 1 on any mismatch, 2 on a usage problem.
"""

import argparse
import json
import random
import subprocess
import sys
from types import SimpleNamespace

from kafka.coordinator.assignors.range import RangePartitionAssignor
from kafka.coordinator.assignors.roundrobin import RoundRobinPartitionAssignor
from kafka.partitioner.default import murmur2

PARTITION_COUNTS = [1, 2, 3, 7, 16, 100, 1000, 2147483647]
ALPHABETS = [
    "abcdefghijklmnopqrstuvwxyz0123456789-_.",
    "ABCxyz \t\r!\"#$%&'()*+,/:;<=>?@[\\]^`{|}~",
    "\u00e9\u00fc\u00df\u0101\u03a9\u0416\u05d0\u0627\u0905\u3042\u4e2d\uac00",
    "\U0001F600\U0001F4A9\U00010348\uffff\ufffd\ue000",
]


def random_key(rng):
    """A key with no newline; lengths cover empty and every 1-3 byte tail, both ASCII and multi-byte."""
    shape = rng.random()
    if shape < 0.05:
        return ""
    if shape < 0.35:
        length = rng.randint(1, 3)  # pure tails
    elif shape < 0.85:
        length = rng.randint(4, 24)
    else:
        length = rng.randint(25, 300)
    alphabet = "".join(rng.sample(ALPHABETS, rng.randint(1, len(ALPHABETS))))
    return "".join(rng.choice(alphabet) for _ in range(length))


def signed32(value):
    return value - (1 << 32) if value >= 1 << 31 else value


def run_kplay(kplay, args, stdin):
    proc = subprocess.run([kplay] + args, input=stdin, capture_output=True, check=False)
    return proc.returncode, proc.stdout.decode("utf-8"), proc.stderr.decode("utf-8")


def check_keys(kplay, rng, count, report):
    keys = [random_key(rng) for _ in range(count)]
    data = "".join(k + "\n" for k in keys).encode("utf-8")
    mismatches = 0
    code, out, err = run_kplay(kplay, ["hash"], data)
    if code != 0:
        report(f"kplay hash failed ({code}): {err.strip()}")
        return count
    hashes = [int(line) for line in out.splitlines()]
    expected = [signed32(murmur2(bytearray(k.encode("utf-8")))) for k in keys]
    if len(hashes) != len(expected):
        report(f"kplay hash printed {len(hashes)} lines for {len(expected)} keys")
        return count
    for key, got, want in zip(keys, hashes, expected):
        if got != want:
            mismatches += 1
            report(f"hash {key!r}: kplay {got}, kafka-python {want}")
    for n in PARTITION_COUNTS:
        code, out, err = run_kplay(kplay, ["partition", "--partitions", str(n)], data)
        if code != 0:
            report(f"kplay partition --partitions {n} failed ({code}): {err.strip()}")
            mismatches += 1
            continue
        got = [int(line) for line in out.splitlines()]
        # kafka-python's DefaultPartitioner: murmur2(key) & 0x7fffffff % n, the same as Kafka's.
        want = [(h & 0x7FFFFFFF) % n for h in expected]
        for key, g, w in zip(keys, got, want):
            if g != w:
                mismatches += 1
                report(f"partition {key!r} of {n}: kplay {g}, kafka-python {w}")
        if len(got) != len(want):
            mismatches += 1
            report(f"partition --partitions {n}: {len(got)} lines for {len(want)} keys")
    return mismatches


class Cluster:
    def __init__(self, topics):
        self.topics = topics

    def partitions_for_topic(self, topic):
        count = self.topics.get(topic)
        return None if count is None else set(range(count))


def random_member_id(rng, taken):
    while True:
        style = rng.random()
        if style < 0.5:
            member = f"consumer-{rng.randint(1, 30)}-{rng.randint(0, 99999):05d}"
        elif style < 0.8:
            member = "".join(rng.choice("abcAB-0129") for _ in range(rng.randint(1, 6)))
        else:
            # BMP below the surrogates: Python's code point order equals Java's UTF-16 order there.
            member = "".join(rng.choice("a\u00e9\u0416\u4e2d\uac00Z") for _ in range(rng.randint(1, 5)))
        if member not in taken:
            taken.add(member)
            return member


def random_group(rng):
    topic_names = rng.sample(["t0", "t1", "t2", "orders", "payments", "a", "b.c", "T-9", "z_"], rng.randint(1, 6))
    topics = {t: rng.choice([1, 2, 3, 4, 5, 8, 12, rng.randint(1, 64)]) for t in topic_names}
    taken = set()
    members = {}
    identical = rng.random() < 0.5
    shared = rng.sample(topic_names, rng.randint(1, len(topic_names)))
    for _ in range(rng.randint(1, 12)):
        if identical:
            subscribed = list(shared)
        else:
            subscribed = rng.sample(topic_names, rng.randint(0, len(topic_names)))
            if rng.random() < 0.05:
                subscribed.append("not-in-metadata")
        rng.shuffle(subscribed)
        members[random_member_id(rng, taken)] = subscribed
    return topics, members


def kafka_python_assignment(assignor, topics, members):
    subs = [
        SimpleNamespace(member_id=m, group_instance_id=None, metadata=SimpleNamespace(topics=ts))
        for m, ts in members.items()
    ]
    result = assignor.assign(Cluster(topics), subs)
    out = {}
    for member in members:
        parts = {t: sorted(ps) for t, ps in result[member].assigned_partitions if ps}
        out[member] = parts
    return out


def check_groups(kplay, rng, count, report, compared):
    mismatches = 0
    for _ in range(count):
        topics, members = random_group(rng)
        doc = {"topics": topics, "members": {m: {"topics": ts} for m, ts in members.items()}}
        data = json.dumps(doc).encode("utf-8")
        same_subscriptions = len({frozenset(ts) for ts in members.values()}) == 1
        strategies = [("range", RangePartitionAssignor)]
        if same_subscriptions:
            strategies.append(("roundrobin", RoundRobinPartitionAssignor))
        for strategy, assignor in strategies:
            compared[strategy] += 1
            want = kafka_python_assignment(assignor, topics, members)
            code, out, err = run_kplay(kplay, ["assign", "--strategy", strategy], data)
            if code != 0:
                mismatches += 1
                report(f"{strategy} on {json.dumps(doc)}: kplay failed ({code}): {err.strip()}")
                continue
            got = json.loads(out)
            if got != want or list(got) != list(members):
                mismatches += 1
                report(f"{strategy} on {json.dumps(doc)}:\n  kplay        {json.dumps(got)}\n  kafka-python {json.dumps(want)}")
    return mismatches


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--kplay", required=True, help="path to the kplay binary")
    parser.add_argument("--seed", type=int, default=20241025)
    parser.add_argument("--keys", type=int, default=5000)
    parser.add_argument("--groups", type=int, default=400)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    shown = []

    def report(message):
        if len(shown) < 20:
            shown.append(message)
            print(message, file=sys.stderr)

    mismatches = check_keys(args.kplay, rng, args.keys, report)
    compared = {"range": 0, "roundrobin": 0}
    mismatches += check_groups(args.kplay, rng, args.groups, report, compared)
    print(
        f"differential: {args.keys} keys, {args.groups} groups "
        f"(range {compared['range']}, roundrobin {compared['roundrobin']}), {mismatches} mismatches"
    )
    return 1 if mismatches else 0


if __name__ == "__main__":
    sys.exit(main())
