-- wrk script for bench/web_bench.py: each connection walks a list of URLs (args[1], one a line) from a
-- random start, with the session cookie (args[2]); at the end it prints one JSON line of figures.
local urls = {}
local i = 0
function init(args)
  for line in io.lines(args[1]) do urls[#urls + 1] = line end
  wrk.headers["Cookie"] = args[2]
  i = math.random(#urls)
end
function request()
  i = i % #urls + 1
  return wrk.format("GET", urls[i])
end
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '{"requests": %d, "non2xx": %d, "socket_errors": %d, "p50_ms": %.2f, "p95_ms": %.2f, "p99_ms": %.2f, '
      .. '"max_ms": %.2f, "seconds": %.3f}\n',
    summary.requests, e.status, e.connect + e.read + e.write + e.timeout,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, summary.duration / 1e6))
end
