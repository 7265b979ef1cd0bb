#!/usr/bin/env python3
"""Seeds a Percolator server for scripts/bench-scim.sh with users as Entra ID and Okta send
them: core attributes plus the enterprise extension (employeeNumber, costCenter, department,
division, manager, title) and a work phone, over 16 keep-alive connections (POST /Users).
costCenter and title take COST_CENTERS and TITLES distinct values (default 3,000 and 2,000),
as in a real company. Then three groups: the first 100 users, every user, and users 101 to 200
(for the programs' group audience, so that the first two differ only in size).
Writes the user ids and userNames, one per line, and prints the three group ids on one line."""
import http.client, json, os, sys
from create_users import create_users

host, port, token, count, ids_path, names_path = sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4]), sys.argv[5], sys.argv[6]
cost_centers = int(os.environ.get("COST_CENTERS", "3000"))
titles = int(os.environ.get("TITLES", "2000"))
headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/scim+json"}
ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"
ids = [None] * count

def user(index):
    name = f"user-{index}@bench.example"
    enterprise = {"employeeNumber": str(100000 + index), "costCenter": f"CC-{(index * 7919) % cost_centers:05d}",
                  "department": f"Department {(index * 31) % 200}", "division": f"Division {index % 12}"}
    manager = ids[(index * 7) % index] if index > 100 else None
    if manager: enterprise["manager"] = {"value": manager}
    return {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User", ENTERPRISE],
            "externalId": f"ext-{index}", "userName": name,
            "name": {"givenName": "User", "familyName": str(index), "formatted": f"User {index}"},
            "displayName": f"User {index}", "title": f"Title {(index * 104729) % titles}",
            "emails": [{"value": name, "type": "work", "primary": True}],
            "phoneNumbers": [{"value": f"+33 1 {index % 100:02d} {index % 1000:03d} {index % 10000:04d}", "type": "work"}],
            "active": True, ENTERPRISE: enterprise}

def remember(index, body):
    ids[index] = json.loads(body)["id"]

failure = create_users(host, port, token, range(count), user, remember)
if failure:
    sys.exit("seeding failed: " + failure)
with open(ids_path, "w") as f: f.write("\n".join(ids) + "\n")
with open(names_path, "w") as f: f.write("\n".join(f"user-{i}@bench.example" for i in range(count)) + "\n")

def create_group(name, members):
    connection = http.client.HTTPConnection(host, port, timeout=600)
    # As an IdP builds a big group: created empty, then members added a thousand at a time.
    connection.request("POST", "/scim/v2/Groups", json.dumps({"schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"],
                                                              "displayName": name}), headers)
    response = connection.getresponse()
    data = response.read()
    if response.status != 201:
        sys.exit(f"group creation failed: {response.status} {data[:200]!r}")
    group = json.loads(data)["id"]
    for start in range(0, len(members), 1000):
        body = {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                "Operations": [{"op": "add", "path": "members", "value": [{"value": i} for i in members[start:start + 1000]]}]}
        connection.request("PATCH", f"/scim/v2/Groups/{group}?excludedAttributes=members", json.dumps(body), headers)
        response = connection.getresponse()
        data = response.read()
        if response.status not in (200, 204):
            sys.exit(f"group members failed: {response.status} {data[:200]!r}")
    return group

print(create_group("First hundred", ids[:100]), create_group("Everyone", ids), create_group("Second hundred", ids[100:200]))
