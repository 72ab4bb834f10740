-- get.lua — wrk script of tools/bench-service for a plain GET (the URL given
-- to wrk), with `Authorization: Bearer $BENCH_TOKEN` when that is set. No
-- response() function, so wrk does not hand every reply to Lua and the
-- client stays as cheap as for a bare wrk run; replies other than 2xx/3xx
-- are counted by wrk (non_2xx_3xx in the result).
package.path = os.getenv("BENCH_LUA_DIR") .. "/?.lua;" .. package.path
local common = require("common")

local token = os.getenv("BENCH_TOKEN")
if token and token ~= "" then wrk.headers["Authorization"] = "Bearer " .. token end

function done(summary, latency, requests)
  common.write(summary, latency, {kind = "get"})
end
