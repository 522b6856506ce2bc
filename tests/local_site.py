"""A small web site on 127.0.0.1 for tests of fetching by URL: each path answers what the
test put in ``site.routes`` (status, headers, body), or sleeps, or counts the requests."""
from __future__ import annotations

import contextlib
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ARTICLE_HTML = """<!doctype html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Harbour council delays ferry vote | The Port Avalon Gazette</title>
<meta property="og:site_name" content="The Port Avalon Gazette">
<meta property="og:title" content="Harbour council delays ferry vote">
<meta name="author" content="Mara Quill">
<meta property="article:published_time" content="2026-03-14T09:30:00Z">
<link rel="canonical" href="https://gazette.example/2026/03/14/ferry-vote">
</head><body>
<nav><a href="/">Home</a> | <a href="/news">News</a> | <a href="/sport">Sport</a></nav>
<div class="ad">Subscribe now for unlimited access!</div>
<article>
<h1>Harbour council delays ferry vote</h1>
<p class="byline">By Mara Quill</p>
<p>The Port Avalon harbour council on Friday postponed a vote on renewing the island ferry
subsidy, after two members asked for an independent review of the operator's accounts.</p>
<p>"We cannot sign a cheque this size on trust alone," said councillor Edwin Marsh, who
chairs the finance committee. "The islanders deserve to know where the money goes."</p>
<p>The operator's chief executive, Lena Dovrat, said the accounts had been audited every
year and called the delay "a needless scare for people who rely on the boat."</p>
<p>Council leader Priya Anand told reporters the vote would be held within a month and
that the service would continue in the meantime.</p>
</article>
<footer>Copyright The Port Avalon Gazette. All rights reserved. Cookie settings.</footer>
</body></html>
"""

FEED_TEMPLATE = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel>
<title>Port Avalon Gazette: news</title><link>{base}/</link>
<description>Local news</description>
{items}
</channel></rss>
"""
ITEM_TEMPLATE = """<item><title>{title}</title><link>{link}</link><guid>{guid}</guid>
<pubDate>Sat, 14 Mar 2026 09:30:00 GMT</pubDate></item>"""


class Site:
    def __init__(self):
        # path -> (status, headers, body) or a callable(handler) that answers itself
        self.routes: dict[str, object] = {}
        self.hits: dict[str, int] = {}
        self.user_agents: list[str] = []
        self.base = ""

    def page(self, path: str, body: str | bytes, status: int = 200,
             content_type: str = "text/html; charset=utf-8", **headers: str) -> str:
        """Serve ``body`` at ``path``; returns its absolute URL."""
        if isinstance(body, str):
            body = body.encode("utf-8")
        self.routes[path] = (status, {"Content-Type": content_type, **headers}, body)
        return self.base + path

    def redirect(self, path: str, to: str, status: int = 302) -> str:
        self.routes[path] = (status, {"Location": to}, b"")
        return self.base + path

    def url(self, path: str) -> str:
        return self.base + path


class _Handler(BaseHTTPRequestHandler):
    site: Site

    def log_message(self, *args):  # quiet test output
        pass

    def do_GET(self):
        site = self.server.site
        path = self.path.split("?")[0]
        site.hits[path] = site.hits.get(path, 0) + 1
        site.user_agents.append(self.headers.get("User-Agent", ""))
        route = site.routes.get(path)
        if route is None:
            self.send_error(404, "Not Found")
            return
        if callable(route):
            route(self)
            return
        status, headers, body = route
        self.send_response(status)
        for key, value in headers.items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def slow(seconds: float):
    """A route that sends its headers and then stalls, like a hung server."""
    def answer(handler):
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html")
        handler.end_headers()
        handler.wfile.write(b"<html><body><p>")
        handler.wfile.flush()
        time.sleep(seconds)
    return answer


def drip(seconds_per_byte: float, count: int = 1000):
    """A route that sends an HTML page one byte at a time, each within any read timeout."""
    def answer(handler):
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html")
        handler.end_headers()
        try:
            for _ in range(count):
                handler.wfile.write(b"x")
                handler.wfile.flush()
                time.sleep(seconds_per_byte)
        except OSError:
            pass
    return answer


def endless(chunk: bytes = b"<p>" + b"x" * 65536 + b"</p>"):
    """A route that sends HTML without a Content-Length until the client hangs up."""
    def answer(handler):
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html")
        handler.end_headers()
        try:
            for _ in range(10_000):  # bounded: ~650 MB at most
                handler.wfile.write(chunk)
        except OSError:
            pass
    return answer


def from_folder(folder: Path, site: Site) -> None:
    """Serve every .html file of ``folder`` at /NAME (read where it lies, never copied)."""
    for path in sorted(folder.glob("*.html")):
        site.page("/" + path.name, path.read_bytes())


@contextlib.contextmanager
def serve_site():
    """A :class:`Site` served on 127.0.0.1 on a free port, for the length of the block."""
    site = Site()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.daemon_threads = True
    server.site = site
    site.base = f"http://127.0.0.1:{server.server_port}"
    # A short poll so that shutdown returns at once, not after half a second.
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.02},
                              daemon=True)
    thread.start()
    try:
        yield site
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)
