-- One SCIM load scenario, chosen by the SCENARIO environment variable. Bodies are what
-- Entra ID and Okta send (core + enterprise extension; fixtures/entra, fixtures/okta).
--   create        POST /Users with a new userName; costCenter and title drawn from VALUES
--                 distinct values (default 3,000) named with VALUE_PREFIX
--   get           GET /Users/{id} of a random seeded user
--   filter        GET /Users?filter=userName eq "…" of a random seeded user
--   patch         PATCH as Entra: Replace title and costCenter (new values each time)
--   put           PUT as Okta updates a user: the whole user again (its id, userName and
--                 externalId, "groups": [], meta), with a new title and costCenter
--   deactivate    PATCH active=false / true (alternating, so every PATCH is a real change)
--   page          GET /Users?startIndex=random&count=100
--   member-small  PATCH remove / add back one member of the 100-member group, no query
--   member-large  the same on the group of every user
--   member-audience  the same on a group of 100 (users 101 to 200) that programs use as
--                 their audience: each change also logs the audiences the member left or joined
--   group-get     GET the large group with excludedAttributes=members
package.path = os.getenv("BENCH_DIR") .. "/?.lua;" .. package.path
local common = require("common")
local scenario = os.getenv("SCENARIO")
local token = os.getenv("TOKEN")
local ids = common.read_lines(os.getenv("IDS_FILE"))
local names = common.read_lines(os.getenv("NAMES_FILE"))
local small_group = os.getenv("SMALL_GROUP_ID")
local large_group = os.getenv("LARGE_GROUP_ID")
local audience_group = os.getenv("AUDIENCE_GROUP_ID")
local values = tonumber(os.getenv("VALUES") or "3000")
local prefix = os.getenv("VALUE_PREFIX") or "V"
local run = os.getenv("RUN_ID") or "0"
local headers = common.headers(token)
local counter = 0
local toggled = nil

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
local function value(kind) return prefix .. "-" .. kind .. "-" .. math.random(values) end

local function urlencode(text)
  return (text:gsub("[^%w%-%._~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

local ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"

local function user_body(name)
  return '{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User","' .. ENTERPRISE .. '"],' ..
    '"externalId":"' .. name .. '","userName":"' .. name .. '",' ..
    '"name":{"givenName":"Load","familyName":"Test","formatted":"Load Test"},"displayName":"Load Test",' ..
    '"title":"' .. value("title") .. '",' ..
    '"emails":[{"value":"' .. name .. '","type":"work","primary":true}],' ..
    '"phoneNumbers":[{"value":"+33 1 23 45 67 89","type":"work"}],"active":true,' ..
    '"' .. ENTERPRISE .. '":{"employeeNumber":"' .. counter .. '","costCenter":"' .. value("cc") .. '",' ..
    '"department":"Department ' .. math.random(200) .. '","division":"Division ' .. math.random(12) .. '",' ..
    '"manager":{"value":"' .. pick(ids) .. '"}}}'
end

-- The seeded user at `index` (1-based) as Okta sends it back in a PUT: every attribute
-- again, with its id, an empty "groups" and a meta; title and costCenter drawn anew.
local function put_body(index)
  local name = names[index]
  return '{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User","' .. ENTERPRISE .. '"],' ..
    '"id":"' .. ids[index] .. '","externalId":"ext-' .. (index - 1) .. '","userName":"' .. name .. '",' ..
    '"name":{"givenName":"User","familyName":"' .. (index - 1) .. '","formatted":"User ' .. (index - 1) .. '"},' ..
    '"displayName":"User ' .. (index - 1) .. '","title":"' .. value("title") .. '",' ..
    '"emails":[{"value":"' .. name .. '","type":"work","primary":true}],' ..
    '"phoneNumbers":[{"value":"+33 1 23 45 67 89","type":"work"}],"active":true,"groups":[],' ..
    '"meta":{"resourceType":"User"},' ..
    '"' .. ENTERPRISE .. '":{"employeeNumber":"' .. (100000 + index - 1) .. '","costCenter":"' .. value("cc") .. '",' ..
    '"department":"Department ' .. math.random(200) .. '","division":"Division ' .. math.random(12) .. '"}}'
end

-- Remove a member, then add it back: every PATCH is a real membership change.
local function toggle_member(group, first, last)
  local body
  if toggled then
    body = '{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"Add","path":"members","value":[{"value":"' .. toggled .. '"}]}]}'
    toggled = nil
  else
    toggled = ids[math.random(first, last)]
    body = '{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"Remove","path":"members","value":[{"value":"' .. toggled .. '"}]}]}'
  end
  return wrk.format("PATCH", "/scim/v2/Groups/" .. group, headers, body)
end

function request()
  counter = counter + 1
  if scenario == "create" then
    local name = "load-" .. run .. "-" .. prefix .. "-" .. thread_id .. "-" .. counter .. "@bench.example"
    return wrk.format("POST", "/scim/v2/Users", headers, user_body(name))
  elseif scenario == "get" then
    return wrk.format("GET", "/scim/v2/Users/" .. pick(ids), headers)
  elseif scenario == "filter" then
    return wrk.format("GET", "/scim/v2/Users?filter=" .. urlencode('userName eq "' .. pick(names) .. '"'), headers)
  elseif scenario == "patch" then
    local body = '{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[' ..
      '{"op":"Replace","path":"title","value":"' .. value("title") .. '"},' ..
      '{"op":"Replace","path":"' .. ENTERPRISE .. ':costCenter","value":"' .. value("cc") .. '"}]}'
    return wrk.format("PATCH", "/scim/v2/Users/" .. pick(ids), headers, body)
  elseif scenario == "put" then
    local index = math.random(#ids)
    return wrk.format("PUT", "/scim/v2/Users/" .. ids[index], headers, put_body(index))
  elseif scenario == "deactivate" then
    local active = (counter % 2 == 0) and "true" or "false"
    local body = '{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","path":"active","value":' .. active .. '}]}'
    return wrk.format("PATCH", "/scim/v2/Users/" .. pick(ids), headers, body)
  elseif scenario == "page" then
    return wrk.format("GET", "/scim/v2/Users?startIndex=" .. math.random(1, #ids - 100) .. "&count=100", headers)
  elseif scenario == "member-small" then
    return toggle_member(small_group, 1, 100)
  elseif scenario == "member-large" then
    return toggle_member(large_group, 1, #ids)
  elseif scenario == "member-audience" then
    return toggle_member(audience_group, 101, 200)
  elseif scenario == "group-get" then
    return wrk.format("GET", "/scim/v2/Groups/" .. large_group .. "?excludedAttributes=members", headers)
  end
end

-- No response() callback: it makes wrk parse every body on the cores the server needs;
-- wrk counts non-2xx answers by itself (the errors column).
