"""Creates and activates COUNT programs in the bench tenant, as a company running random
coffee has them: every third one's audience is a category expression (40 departments),
every third a SCIM group (GROUP_ID), every third the whole tenant; each with two rules.
Every SCIM write that changes a member's categories reads them all, to log the audiences
the member joined or left.

Usage: programs.py HOST PORT ADMIN_TOKEN COUNT GROUP_ID
"""
import json
import sys
import urllib.error
import urllib.request

host, port, token, count, group = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5]


def post(path, body):
    request = urllib.request.Request(f"http://{host}:{port}{path}", data=json.dumps(body).encode(), method="POST",
                                     headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return json.load(response)
    except urllib.error.HTTPError as error:
        sys.exit(f"programs.py: POST {path}: {error.code} {error.read().decode()}")


for index in range(count):
    if index % 3 == 0:
        departments = ", ".join(f'"Department {d}"' for d in range(index * 10 % 200, index * 10 % 200 + 40))
        audience = {"type": "categories", "expression": f"department in ({departments})"}
    elif index % 3 == 1:
        audience = {"type": "group", "groupId": group}
    else:
        audience = {"type": "all"}
    program = post("/api/v1/programs", {
        "name": f"Coffee {index}", "audience": audience, "groupSize": 2,
        "rules": [{"type": "differentValue", "category": "department"}, {"type": "differentValue", "category": "division"}],
        "schedule": {"type": "recurring", "everyWeeks": 1 + index % 2, "weekday": 1 + index % 5, "time": "10:00",
                     "timezone": "Europe/Paris", "optInWindowHours": 48, "startingFrom": "2027-01-04T00:00:00Z"},
    })
    post(f"/api/v1/programs/{program['id']}/activate", {})
