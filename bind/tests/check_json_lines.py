#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
"""Reads trace JSON lines on stdin: each must parse and carry the stable keys in order."""
import json
import sys

KEYS = ["t_ns", "kind", "code", "event", "component", "what", "from", "to", "a", "b", "value"]
want = int(sys.argv[1])
n = 0
for line in sys.stdin:
    obj = json.loads(line, object_pairs_hook=lambda kv: kv)
    keys = [k for k, _ in obj]
    if keys != KEYS:
        sys.exit(f"keys {keys}")
    d = dict(obj)
    if not isinstance(d["t_ns"], int) or not isinstance(d["value"], int) or not isinstance(d["a"], str):
        sys.exit(f"types in {line}")
    n += 1
if n != want:
    sys.exit(f"{n} lines, expected {want}")
print(f"{n} JSON lines OK")
