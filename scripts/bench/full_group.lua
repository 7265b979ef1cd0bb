-- wrk script for scripts/bench-mixed.sh: GET of the whole large group, members included, as an
-- identity provider reads a group back (no attributes parameter). Environment: TOKEN,
-- LARGE_GROUP_ID (both set by bench-mixed.sh after seeding).
wrk.headers["Authorization"] = "Bearer " .. os.getenv("TOKEN")
wrk.headers["Accept"] = "application/scim+json"
local group = os.getenv("LARGE_GROUP_ID")

function request()
  return wrk.format("GET", "/scim/v2/Groups/" .. group)
end
