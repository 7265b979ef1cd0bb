-- Shared by the SCIM load scenarios: the bearer token, the ids of the seeded users,
-- and a per-thread random generator seeded from the thread number.
local M = {}

function M.read_lines(path)
  local lines = {}
  local file = assert(io.open(path, "r"))
  for line in file:lines() do lines[#lines + 1] = line end
  file:close()
  return lines
end

function M.headers(token)
  return {
    ["Authorization"] = "Bearer " .. token,
    ["Content-Type"] = "application/scim+json",
    ["Accept"] = "application/scim+json",
  }
end

return M
