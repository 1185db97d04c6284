-- wrk script of bench/pages.py: rotates through (path, Cookie) pairs and prints one
-- parseable result line.
--
--   wrk -t1 -c50 -d20s -s bench/wrk/rotate.lua http://127.0.0.1:8100 -- targets.tsv
--
-- targets.tsv holds one request a line: the path, a tab, and the Cookie header (empty
-- for an anonymous visitor). Each thread starts at its own offset in the list, so two
-- threads do not send the same learner at the same moment.
--
-- Every connection sends its next request as soon as the answer arrives (no pause: wrk's
-- delay() would keep connections open and idle, which ties up gunicorn's workers and
-- threads while they wait for the request, so it would measure that instead of the pages).

local threads = {}
local next_id = 0

function setup(thread)
   thread:set("id", next_id)
   next_id = next_id + 1
   table.insert(threads, thread)
end

function init(args)
   targets = {}
   local file = assert(io.open(args[1], "r"))
   for line in file:lines() do
      local path, cookie = line:match("^([^\t]+)\t?(.*)$")
      if path then
         local headers = {}
         if cookie ~= "" then headers["Cookie"] = cookie end
         table.insert(targets, wrk.format("GET", path, headers))
      end
   end
   file:close()
   assert(#targets > 0, "no targets in " .. args[1])
   position = (id * 7) % #targets
   non2xx = 0
end

function request()
   position = position % #targets + 1
   return targets[position]
end

function response(status, headers, body)
   if status < 200 or status > 299 then
      non2xx = non2xx + 1
   end
end

function done(summary, latency, requests)
   local bad = 0
   for _, thread in ipairs(threads) do
      bad = bad + thread:get("non2xx")
   end
   local errors = summary.errors
   io.write(string.format(
      "WRK_RESULT requests=%d duration_us=%d p50_us=%d p95_us=%d p99_us=%d max_us=%d " ..
      "non2xx=%d connect=%d read=%d write=%d timeout=%d\n",
      summary.requests, summary.duration, latency:percentile(50), latency:percentile(95),
      latency:percentile(99), latency.max, bad, errors.connect, errors.read, errors.write,
      errors.timeout))
end
