"""An opt-in ``Server-Timing`` header: how long the app itself took for a response.

bench/load.py turns it on (``WORKBENCH_SERVER_TIMING=1``) to split a client's latency into
time inside the app and time outside it (waitress's queue, the GIL, the OS scheduler).
Off by default: timings help an attacker probe for slow paths.
"""
from __future__ import annotations

import time


def wrap(wsgi_app):
    """WSGI middleware stamping each response with ``Server-Timing: app;dur=<ms>``.

    Flask calls ``start_response`` once the response is built, so the figure covers
    routing, the view, the template and the database work.
    """
    def timed(environ, start_response):
        t0 = time.perf_counter()

        def stamped(status, headers, exc_info=None):
            headers.append(("Server-Timing", f"app;dur={(time.perf_counter() - t0) * 1000:.2f}"))
            return start_response(status, headers, exc_info)

        return wsgi_app(environ, stamped)

    return timed
