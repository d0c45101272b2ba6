-- wrk script of `scripts/bench.sh http`: requests the dashboard and the
-- funding page in turn, and prints the errors by kind at the end.
local paths = {
  "/countries/XD/dashboard?fiscal_year=2025",
  "/countries/XD/funding?fiscal_year=2025",
}
local n = 0

request = function()
  n = n + 1
  return wrk.format("GET", paths[(n % #paths) + 1])
end

done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "errors: connect %d, read %d, write %d, status %d, timeout %d\n",
    e.connect, e.read, e.write, e.status, e.timeout))
  io.write(string.format("p50 %.1f ms, p99 %.1f ms, %.0f requests/s\n",
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.requests / (summary.duration / 1e6)))
end
