-- wrk script: each connection waits 20 ms after a response before its next request, so 4 connections
-- send about 200 requests per second while responses stay fast (wrk itself has no fixed-rate mode).
-- Usage: wrk -t2 -c4 -d30s --latency -s tests/Mcp.Benchmarks/Daemon/pace-200rps.lua http://127.0.0.1:PORT/metrics
function delay()
  return 20
end
