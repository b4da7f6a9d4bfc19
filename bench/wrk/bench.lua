-- One script for every load the benchmarks put on: settings come from the environment, the summary leaves as
-- one JSON line (latencies in microseconds) for bench/Bench to read.
--   BENCH_METHOD     GET (default) or POST
--   BENCH_BODY_FILE  file whose contents are every request's body (JSON)
--   BENCH_TOKENS     bearer tokens separated by commas; with more than one, requests take them in turn
local method = os.getenv("BENCH_METHOD") or "GET"
local tokens = {}
for token in string.gmatch(os.getenv("BENCH_TOKENS") or "", "[^,]+") do
  tokens[#tokens + 1] = token
end

local body = nil
local body_file = os.getenv("BENCH_BODY_FILE")
if body_file and body_file ~= "" then
  local file = assert(io.open(body_file, "rb"))
  body = file:read("*a")
  file:close()
end

wrk.method = method
wrk.body = body
if body then
  wrk.headers["Content-Type"] = "application/json"
end
if #tokens == 1 then
  wrk.headers["Authorization"] = "Bearer " .. tokens[1]
end

if #tokens > 1 then
  local next_token = math.random(#tokens)
  request = function()
    next_token = next_token % #tokens + 1
    wrk.headers["Authorization"] = "Bearer " .. tokens[next_token]
    return wrk.format()
  end
end

done = function(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    '\nBENCH {"requests":%d,"durationUs":%d,"p50":%d,"p90":%d,"p99":%d,"mean":%.1f,"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.mean,
    errors.connect, errors.read, errors.write, errors.status, errors.timeout))
end
