-- booking.lua — wrk script of tools/bench-service: each connection books its
-- own request and cancels it, again and again:
--   POST /requests/{id}/booking {"week": W}  (201 when committed)
--   DELETE /requests/{id}/booking            (200 when cancelled)
--
-- Why wrk and not python threads: wrk's Lua state is per thread, not per
-- connection, but wrk is run with as many threads as connections (-tN -cN),
-- and a wrk connection never has more than one request in flight (no
-- pipelining), so a thread's globals are its connection's state: request()
-- is always called after response() of the previous request (a reconnect,
-- e.g. after the server's 100 requests per keep-alive connection, keeps the
-- order). That keeps the client in C with an event loop, so its own cost
-- hardly shows in the latencies, unlike http.client under the GIL.
--
-- $BENCH_BOOKINGS holds "REQUEST=WEEK ..." (one pair per thread, from
-- bench_service.py bookings); $BENCH_TOKEN is the office token. Every reply
-- is counted by method and status; the latency of every POST (whatever its
-- status) is kept, measured with a monotonic clock from request() to
-- response(), since wrk's own latency figures mix POST and DELETE.
package.path = os.getenv("BENCH_LUA_DIR") .. "/?.lua;" .. package.path
local common = require("common")

local plan = {}
for request, week in string.gmatch(os.getenv("BENCH_BOOKINGS") or "", "(%S+)=(%S+)") do
  plan[#plan + 1] = {request, week}
end

function setup(thread)
  local i = common.setup(thread)
  assert(plan[i], "more wrk threads than BENCH_BOOKINGS pairs")
  thread:set("request_id", plan[i][1])
  thread:set("week", plan[i][2])
end

function init(args)
  path = "/requests/" .. request_id .. "/booking"
  local auth = "Bearer " .. os.getenv("BENCH_TOKEN")
  post_headers = {["Authorization"] = auth, ["Content-Type"] = "application/json"}
  delete_headers = {["Authorization"] = auth}
  body = '{"week": "' .. week .. '"}'
  booked = false
  counts = {}    -- "POST 201" -> replies
  post_us = {}   -- latency of every POST
end

function request()
  method = booked and "DELETE" or "POST"
  started = common.now_us()
  if booked then return wrk.format("DELETE", path, delete_headers) end
  return wrk.format("POST", path, post_headers, body)
end

function response(status, headers, reply)
  if method == "POST" then post_us[#post_us + 1] = common.now_us() - started end
  local key = method .. " " .. status
  counts[key] = (counts[key] or 0) + 1
  if method == "POST" then
    -- 409 "is already booked": a committed POST whose reply was lost; cancel it.
    -- Any other 409 (the week is no longer possible) is a refusal: try again.
    booked = status == 201 or (status == 409 and reply:find("is already booked", 1, true) ~= nil)
  else
    booked = not (status == 200 or status == 404)  -- 404: it was not booked
  end
end

function done(summary, latency, requests)
  local result = {kind = "booking", counts = {}, post_us = {}, connections = {}}
  for _, thread in ipairs(common.threads) do
    for key, n in pairs(thread:get("counts")) do result.counts[key] = (result.counts[key] or 0) + n end
    local mine = thread:get("post_us")
    for _, us in ipairs(mine) do result.post_us[#result.post_us + 1] = us end
    result.connections[#result.connections + 1] = thread:get("request_id") .. "=" .. thread:get("week")
  end
  common.write(summary, latency, result)
end
