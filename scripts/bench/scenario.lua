-- One SCIM load scenario, chosen by the SCENARIO environment variable:
--   create      POST /Users with a new userName each time
--   get         GET /Users/{id} of a random seeded user
--   filter      GET /Users?filter=userName eq "…" of a random seeded user
--   deactivate  PATCH active=false / true (alternating, so every PATCH is a real change)
--   page        GET /Users?startIndex=random&count=100
--   member-add  PATCH add one member to the 10,000-member group (excludedAttributes=members)
--   group-get   GET the group with excludedAttributes=members
package.path = os.getenv("BENCH_DIR") .. "/?.lua;" .. package.path
local common = require("common")
local scenario = os.getenv("SCENARIO")
local token = os.getenv("TOKEN")
local ids = common.read_lines(os.getenv("IDS_FILE"))
local names = common.read_lines(os.getenv("NAMES_FILE"))
local group = os.getenv("GROUP_ID")
local run = os.getenv("RUN_ID") or "0"
local headers = common.headers(token)
local counter = 0

local threads = {}

function setup(thread)
  thread:set("thread_id", #threads + 1)
  threads[#threads + 1] = thread
end

function init(args)
  thread_id = thread_id or 0
  math.randomseed(thread_id * 7919 + 17)
end

local function pick(list) return list[math.random(#list)] end

local function urlencode(text)
  return (text:gsub("[^%w%-%._~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

function request()
  counter = counter + 1
  if scenario == "create" then
    local name = "load-" .. run .. "-" .. thread_id .. "-" .. counter .. "@bench.example"
    local body = '{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"' .. name ..
      '","name":{"givenName":"Load","familyName":"Test"},"emails":[{"value":"' .. name ..
      '","type":"work","primary":true}],"active":true}'
    return wrk.format("POST", "/scim/v2/Users", headers, body)
  elseif scenario == "get" then
    return wrk.format("GET", "/scim/v2/Users/" .. pick(ids), headers)
  elseif scenario == "filter" then
    return wrk.format("GET", "/scim/v2/Users?filter=" .. urlencode('userName eq "' .. pick(names) .. '"'), headers)
  elseif scenario == "deactivate" then
    local active = (counter % 2 == 0) and "true" or "false"
    local body = '{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","path":"active","value":' .. active .. '}]}'
    return wrk.format("PATCH", "/scim/v2/Users/" .. pick(ids), headers, body)
  elseif scenario == "page" then
    return wrk.format("GET", "/scim/v2/Users?startIndex=" .. math.random(1, #ids - 100) .. "&count=100", headers)
  elseif scenario == "member-add" then
    -- The first 10,000 seeded users are the group's members; add one of the others.
    local id = ids[math.random(10001, #ids)]
    local body = '{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"add","path":"members","value":[{"value":"' .. id .. '"}]}]}'
    return wrk.format("PATCH", "/scim/v2/Groups/" .. group .. "?excludedAttributes=members", headers, body)
  elseif scenario == "group-get" then
    return wrk.format("GET", "/scim/v2/Groups/" .. group .. "?excludedAttributes=members", headers)
  end
end

-- No response() callback: it makes wrk parse every body on the cores the server needs;
-- wrk counts non-2xx answers by itself (the errors column).
