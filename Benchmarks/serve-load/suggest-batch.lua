-- wrk script: POST a random line of the file $BODIES (one JSON array of queries a line)
-- to /v1/suggest; $BATCH queries a body, so suggestions/s is requests/s times $BATCH.
local bodies = {}
for line in io.lines(os.getenv("BODIES")) do bodies[#bodies + 1] = line end
local size = tonumber(os.getenv("BATCH"))
math.randomseed(7)

request = function()
  return wrk.format("POST", "/v1/suggest", {["Content-Type"] = "application/json"}, bodies[math.random(#bodies)])
end

done = function(summary, latency, requests)
  local rate = summary.requests / (summary.duration / 1e6)
  io.write(string.format("batches/s %.1f = suggestions/s %.1f, batch p50 %.1f ms, p99 %.1f ms, max %.1f ms, errors %d (non-2xx %d)\n",
    rate, rate * size, latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout, summary.errors.status))
end
