# schemathesis hooks for scripts/openapi-check.sh (loaded through SCHEMATHESIS_HOOKS).
#
# POST /api/v1/imports takes the CSV file itself as its body (`text/csv` or
# `application/csv`); schemathesis has no serializer for those media types, so it would
# not send the generated text. A CSV body is text: send it as the text/plain serializer
# does (the string, UTF-8).
import schemathesis

schemathesis.serializer.alias(["text/csv", "application/csv"], "text/plain")
