#!/usr/bin/env python3
"""Writes a deterministic synthetic mcp.node-snapshot/1 file for the process benchmark of
`mcp-daemon decide` against the original Python engine (docs/benchmarks/engine.md).

    python3 make_snapshot.py SEED CHANNELS FORWARDS_PER_CHANNEL OUT.json

Every channel gets FORWARDS_PER_CHANNEL forwards spread over the 30 days before taken_at, stats
and peer data, and no opened_at (the original engine crashes on time-zone-aware dates)."""
import json
import random
import sys
from datetime import datetime, timedelta, timezone

seed, channels, per_channel, out = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
rng = random.Random(seed)
taken_at = datetime(2026, 11, 20, 6, 0, tzinfo=timezone.utc)
window = timedelta(days=30)


def stamp(moment):
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def channel(index, peers):
    capacity = rng.choice([500_000, 1_000_000, 2_000_000, 5_000_000, 10_000_000, 16_777_215, 50_000_000])
    usable = capacity - capacity // 100
    local = int(usable * rng.random())
    rate = rng.choice([1, 10, 50, 100, 250, 500, 800, 1000, 2500])
    forwards = []
    for k in range(per_channel):
        amount = rng.choice([1_000, 10_000, 50_000, 200_000, 1_000_000])
        moment = taken_at - window + window * ((k + 0.5) / per_channel)
        forwards.append({"at": stamp(moment), "amt_out_sat": amount, "fee_msat": amount * rate + 1000,
                         "success": rng.random() > 0.1})
    return {
        "channel_id": f"{700000 + index}x{rng.randint(1, 3999)}x{rng.randint(0, 3)}",
        "chan_point": f"{rng.getrandbits(256):064x}:{rng.randint(0, 3)}",
        "remote_pubkey": peers[index],
        "capacity_sat": capacity,
        "local_balance_sat": local,
        "remote_balance_sat": usable - local,
        "active": rng.random() > 0.1,
        "policy": {"base_fee_msat": 1000, "fee_rate_ppm": rate, "time_lock_delta": 80, "min_htlc_msat": 1000},
        "forwards": forwards,
        "stats": {"success_rate": round(0.5 + rng.random() / 2, 3), "forwards_count": per_channel},
        "peer": {"alias": rng.choice(["acinq", "LNBiG [Hub-1]", "kraken", "zap", "sat-stacker", ""]),
                 "uptime": round(rng.random(), 3), "disconnections_30d": rng.randint(0, 19),
                 "amboss_rank": rng.randint(1, 9999), "num_channels": rng.randint(0, 1999),
                 "total_capacity_sat": rng.randint(0, 9_999_999_999), "total_forwards": rng.randint(0, 199_999)},
        "capacity_change_count": rng.randint(0, 4),
        "policy_change_count": rng.randint(0, 29),
    }


peers = []
for i in range(channels):
    peers.append(peers[rng.randrange(i)] if i and rng.random() < 0.05 else "02" + f"{rng.getrandbits(256):064x}")
snapshot = {
    "schema": "mcp.node-snapshot/1",
    "taken_at": stamp(taken_at),
    "node": {"pubkey": "03" + f"{rng.getrandbits(256):064x}", "alias": f"bench-{seed}"},
    "network": {"median_base_fee_msat": 1000, "median_fee_rate_ppm": 500},
    "channels": [channel(i, peers) for i in range(channels)],
}
with open(out, "w") as f:
    json.dump(snapshot, f)
print(out, channels, "channels,", channels * per_channel, "forwards")
