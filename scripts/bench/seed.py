#!/usr/bin/env python3
"""Seeds a Percolator server for scripts/bench-scim.sh: N users over 16 keep-alive
connections (POST /Users), then one group whose members are the first 10,000 users.
Writes the user ids and userNames, one per line, and prints the group id."""
import http.client, json, sys, threading

host, port, token, count, ids_path, names_path = sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4]), sys.argv[5], sys.argv[6]
headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/scim+json"}
ids = [None] * count
errors = []

def worker(start, step):
    connection = http.client.HTTPConnection(host, port, timeout=60)
    for index in range(start, count, step):
        name = f"user-{index}@bench.example"
        body = json.dumps({"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": name,
                           "name": {"givenName": "User", "familyName": str(index)}, "displayName": f"User {index}",
                           "emails": [{"value": name, "type": "work", "primary": True}], "active": True,
                           "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": {"department": f"Dept {index % 20}"}})
        connection.request("POST", "/scim/v2/Users", body, headers)
        response = connection.getresponse()
        data = response.read()
        if response.status != 201:
            errors.append(f"{response.status} {data[:200]!r}")
            return
        ids[index] = json.loads(data)["id"]

threads = [threading.Thread(target=worker, args=(offset, 16)) for offset in range(16)]
for thread in threads: thread.start()
for thread in threads: thread.join()
if errors:
    sys.exit("seeding failed: " + errors[0])
with open(ids_path, "w") as f: f.write("\n".join(ids) + "\n")
with open(names_path, "w") as f: f.write("\n".join(f"user-{i}@bench.example" for i in range(count)) + "\n")

members = [{"value": i} for i in ids[:10000]]
connection = http.client.HTTPConnection(host, port, timeout=120)
connection.request("POST", "/scim/v2/Groups", json.dumps({"schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"],
                                                          "displayName": "Ten thousand", "members": members}), headers)
response = connection.getresponse()
data = response.read()
if response.status != 201:
    sys.exit(f"group creation failed: {response.status} {data[:200]!r}")
print(json.loads(data)["id"])
