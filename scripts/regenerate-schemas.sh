#!/usr/bin/env bash
# Rewrites the golden files under spec/schemas/ from the Schema and ResourceType values
# in Sources/SCIM/Schema (base URL https://example.com/scim/v2). Review the diff before
# committing: these files are what /Schemas and /ResourceTypes serve.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build --build-tests
PERCOLATOR_REGENERATE_GOLDEN=1 swift test --skip-build --filter "SchemaRepresentationTests"
git status --short spec/schemas
