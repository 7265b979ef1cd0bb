#!/usr/bin/env python3
"""Puts COUNT distinct costCenter and title values into a tenant's category catalog before
scripts/bench-scim.sh measures creates that use them, so that the measured run compares the
cost of a write against a catalog of 10 values and one of 10,000 values (issue 10: "a write
costs the same with 10 or 10,000 distinct category values") instead of the cost of the
first sight of a value, which is one more catalog row and is measured on its own line.

Creates COUNT users (16 keep-alive connections, POST /Users, bodies shaped like
scripts/bench/scenario.lua's): user i carries title PREFIX-title-i and costCenter
PREFIX-cc-i, i = 1..COUNT, the values scenario.lua draws with VALUE_PREFIX=PREFIX and
VALUES=COUNT.

Usage: warm_values.py HOST PORT TOKEN PREFIX COUNT"""
import sys
from create_users import create_users

host, port, token, prefix, count = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4], int(sys.argv[5])
ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"

def user(index):
    name = f"warm-{prefix}-{index}@bench.example"
    return {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User", ENTERPRISE],
            "externalId": name, "userName": name,
            "name": {"givenName": "Warm", "familyName": "Up", "formatted": "Warm Up"}, "displayName": "Warm Up",
            "title": f"{prefix}-title-{index}",
            "emails": [{"value": name, "type": "work", "primary": True}], "active": True,
            ENTERPRISE: {"employeeNumber": f"w{index}", "costCenter": f"{prefix}-cc-{index}"}}

failure = create_users(host, port, token, range(1, count + 1), user)
if failure:
    sys.exit("warming the catalog failed: " + failure)
