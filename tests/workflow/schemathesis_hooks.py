"""Loaded by schemathesis (SCHEMATHESIS_HOOKS): a PDF upload is sent as the bytes it generates,
like any file body (schemathesis has no serializer of its own for application/pdf)."""

import schemathesis

schemathesis.serializer.alias("application/pdf", "application/octet-stream")
