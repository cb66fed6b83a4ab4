"""Schema fuzzing of the whole API, in-process: no 5xx, responses conform to the document,
invalid input is rejected. Runs as an admin, so every endpoint is reachable."""

from __future__ import annotations

import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

# A schema-valid body may still name a region or account that does not exist: that is a
# 422 with the field named, which this check would count as a rejection of valid data.
EXCLUDED = [positive_data_acceptance]

# Endpoints that end the fuzzing account's own session; covered in test_auth.
SKIP = {"/api/v1/auth/signout", "/api/v1/auth/password"}


def test_api_conforms_to_its_openapi_document(app, accounts):
    headers = accounts.headers(accounts.create("admin"))
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    checked = []
    for result in schema.get_all_operations():
        operation = result.ok()
        if operation.path in SKIP:
            continue

        @given(case=operation.as_strategy())
        @settings(
            max_examples=30,
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def run(case):  # type: ignore[no-untyped-def]
            case.call_and_validate(headers=headers, excluded_checks=EXCLUDED)

        run()
        checked.append(f"{operation.method.upper()} {operation.path}")
    assert len(checked) >= 12, checked
