-- common.lua — shared by the wrk scripts of tools/bench-service: a
-- monotonic clock in microseconds (LuaJIT ffi; wrk's Lua API has none), the
-- threads wrk made (setup() runs once per thread, in the main state) and the
-- result file that bench_service.py reads (one JSON object).
local ffi = require("ffi")
ffi.cdef [[
  typedef struct { long tv_sec; long tv_nsec; } bench_timespec;
  int clock_gettime(int clock, bench_timespec *ts);
]]
local CLOCK_MONOTONIC = 1
local ts = ffi.new("bench_timespec")

local common = {threads = {}}

function common.now_us()
  ffi.C.clock_gettime(CLOCK_MONOTONIC, ts)
  return tonumber(ts.tv_sec) * 1e6 + tonumber(ts.tv_nsec) / 1e3
end

local function encode(v)
  local t = type(v)
  if t == "number" then return string.format("%.17g", v) end
  if t == "boolean" then return tostring(v) end
  if t == "string" then return '"' .. v:gsub('[%c"\\]', function(c) return string.format("\\u%04x", c:byte()) end) .. '"' end
  if t == "table" then
    local out = {}
    if #v > 0 then
      for _, x in ipairs(v) do out[#out + 1] = encode(x) end
      return "[" .. table.concat(out, ",") .. "]"
    end
    for k, x in pairs(v) do out[#out + 1] = encode(tostring(k)) .. ":" .. encode(x) end
    return "{" .. table.concat(out, ",") .. "}"
  end
  return "null"
end

-- Writes `result` plus wrk's own figures to $BENCH_RESULT.
function common.write(summary, latency, result)
  result.requests = summary.requests
  result.duration_us = summary.duration
  result.non_2xx_3xx = summary.errors.status
  result.socket_errors = {connect = summary.errors.connect, read = summary.errors.read,
                          write = summary.errors.write, timeout = summary.errors.timeout}
  result.p50_us = latency:percentile(50)
  result.p99_us = latency:percentile(99)
  local f = assert(io.open(os.getenv("BENCH_RESULT"), "w"))
  f:write(encode(result), "\n")
  f:close()
end

function common.setup(thread)
  table.insert(common.threads, thread)
  return #common.threads
end

return common
