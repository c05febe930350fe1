#!/usr/bin/env python3
"""Writes N deterministic benchmark keys, one per line (mixed lengths 1-40, ASCII and multi-byte UTF-8).

usage: python3 tools/bench/make_keys.py [N] > keys.txt   (N defaults to 1000000)
"""

import random
import sys


def main():
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    rng = random.Random(42)
    alphabet = "abcdefghijklmnopqrstuvwxyz0123456789-_\u00e9\u4e2d"
    out = sys.stdout
    for i in range(count):
        if i % 3 == 0:
            key = f"user-{i}"
        elif i % 3 == 1:
            key = f"order-{rng.randrange(10**9):09d}-{rng.randrange(100)}"
        else:
            key = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 40)))
        out.write(key + "\n")


if __name__ == "__main__":
    main()
