#!/usr/bin/env python3
"""Compares `mcp-daemon decide` output with original_decide.py output for the same snapshot:
the largest difference of any score or total, and the channels whose rule differs from the
original's decision. Used in docs/benchmarks/engine.md.

    python3 compare_with_original.py DECIDE.json ORIGINAL.json"""
import json
import sys

ORIGINAL_DECISION = {
    "close_low_score": "close_channel", "close_idle": "close_channel",
    "rebalance_outbound": "rebalance", "rebalance_inbound": "rebalance",
    "increase_busy": "increase_fees", "increase_strong": "increase_fees",
    "decrease_uncompetitive": "decrease_fees", "decrease_middling": "decrease_fees",
    "no_action": "no_action",
}

ours = json.load(open(sys.argv[1]))["decisions"]
theirs = {d["channel_id"]: d for d in json.load(open(sys.argv[2]))["decisions"]}
largest = 0.0
mismatches = []
for d in ours:
    o = theirs[d["channel_id"]]
    for name, value in o["scores"].items():
        largest = max(largest, abs(value - d["scores"][name]))
    largest = max(largest, abs(o["total_score"] - d["total_score"]))
    if ORIGINAL_DECISION[d["explanation"]["rule"]] != o["action"]:
        mismatches.append(d["channel_id"])
print(f"{len(ours)} channels; largest score or total difference {largest:g}; rule mismatches {len(mismatches)}")
sys.exit(1 if largest > 1e-9 or mismatches else 0)
