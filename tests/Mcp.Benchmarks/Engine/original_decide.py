#!/usr/bin/env python3
"""The original Python decision engine (Feustey/MCP, commit 102c8d8) run on an
mcp.node-snapshot/1 file, doing what `mcp-daemon decide` does: read the file, evaluate every
channel, print the decisions as JSON. Used only to measure the original's speed
(docs/benchmarks/engine.md).

    cd ORIGINAL_SOURCE_TREE && PYTHONPATH=. python3 original_decide.py SNAPSHOT.json > out.json

ORIGINAL_SOURCE_TREE holds src/optimizers (decision_engine.py, heuristics/) and
config/decision_thresholds.yaml of the original repository. The snapshot is mapped onto the
original's channel dictionaries as the parity vectors were (tests/Mcp.Engine.Tests/Parity/Data/
PROVENANCE.md)."""
import json
import sys

from src.optimizers.decision_engine import DecisionEngine


def original_channel(ch):
    stats = ch.get("stats") or {}
    result = {
        "channel_id": ch["channel_id"],
        "local_balance": ch["local_balance_sat"],
        "remote_balance": ch["remote_balance_sat"],
        "capacity": ch["capacity_sat"],
        "remote_pubkey": ch["remote_pubkey"],
        "policy": {"base_fee_msat": ch["policy"]["base_fee_msat"], "fee_rate_ppm": ch["policy"]["fee_rate_ppm"]},
        "forwarding_history": [{"amt_out": f["amt_out_sat"], "fee": f["fee_msat"] / 1000, "success": f.get("success", True)}
                               for f in ch.get("forwards") or []],
        "metrics": {"activity": {"success_rate": stats.get("success_rate") or 0,
                                 "forwards_count": stats.get("forwards_count") or 0}},
        "capacity_change_count": ch.get("capacity_change_count", 0),
        "policy_change_count": ch.get("policy_change_count", 0),
    }
    peer = ch.get("peer") or {}
    if "uptime" in peer:
        result["peer_uptime"] = peer["uptime"]
    if "disconnections_30d" in peer:
        result["disconnection_count"] = peer["disconnections_30d"]
    renamed = {"alias": "alias", "num_channels": "num_channels", "total_capacity_sat": "total_capacity",
               "total_forwards": "total_forwards", "amboss_rank": "amboss_rank"}
    node_data = {renamed[k]: v for k, v in peer.items() if k in renamed}
    if node_data:
        result["peer_node_data"] = node_data
    return result


with open(sys.argv[1]) as f:
    snapshot = json.load(f)
engine = DecisionEngine("config/decision_thresholds.yaml")
channels = [original_channel(c) for c in snapshot["channels"]]
node = {"node_id": snapshot["node"]["pubkey"], "channels": channels}
network = snapshot.get("network") or {}
stats = {"median_base_fee": network.get("median_base_fee_msat", 1000), "median_fee_rate": network.get("median_fee_rate_ppm", 500)}
decisions = []
for channel in channels:
    r = engine.evaluate_channel(channel, node, None, stats)
    decisions.append({"channel_id": r["channel_id"], "scores": r["scores"], "total_score": r["total_score"],
                      "action": r["decision"].value, "confidence": r["confidence"], "params": r["params"],
                      "reasons": [r["reasoning"]]})
json.dump({"schema": "mcp.decisions/1", "node": snapshot["node"]["pubkey"], "decisions": decisions}, sys.stdout, indent=2)
print()
