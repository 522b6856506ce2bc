"""schemathesis against /api/v1/openapi.json through the WSGI app: requests that fit the
description and requests that do not, with a reviewer's token; none may get a 5xx."""
from __future__ import annotations

import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode

from conftest import TEST_USERS
from test_api import bearer, make_token

EXAMPLES = 400  # about 8 s on the shared 2-core machine


def test_no_request_gets_a_server_error(app, seed_text):
    _, token = make_token(app, TEST_USERS["reviewer"])
    headers = bearer(token)
    client = app.test_client()
    assert client.post("/api/v1/articles", json={"text": seed_text},
                       headers=headers).status_code == 201  # ids 1..n exist
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    cases = st.one_of(schema.as_strategy(GenerationMode.POSITIVE, headers=headers),
                      schema.as_strategy(GenerationMode.NEGATIVE, headers=headers))
    seen: dict[int, int] = {}

    @settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=True,
              suppress_health_check=list(HealthCheck))
    @given(case=cases)
    def run(case):
        case.headers = {**(case.headers or {}), **headers}
        response = case.call()
        seen[response.status_code] = seen.get(response.status_code, 0) + 1
        assert response.status_code < 500, (case.method, case.formatted_path, case.query,
                                            case.body, response.text[:500])
        assert response.headers["content-type"][0].startswith("application/json")

    run()
    # The run reached the routes, not only the token check or the validator.
    assert seen.get(200, 0) > 0 and sum(seen.values()) >= EXAMPLES // 2, seen
