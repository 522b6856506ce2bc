"""Fetching a web page or a feed by URL, within bounds, for ingest.

Every fetch has a timeout, a size limit, a bounded number of redirects (each hop checked
like the first), a content-type check and a user agent that says who is asking. Any
failure is a :class:`FetchError` whose message names the URL, for the person who pasted
it; nothing is stored by this module.

Addresses on this machine or a private network are refused unless the caller allows
them (``allow_private``): a reviewer's pasted URL must not reach services behind the
firewall. The check resolves the host before connecting; a DNS answer that changes
between the check and the connection (rebinding) is not caught.
"""
from __future__ import annotations

import ipaddress
import socket
import time
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import urllib3

USER_AGENT = "QuoteWorkbench/1.0 (fact-checking; article ingest; +https://example.org/workbench)"
TIMEOUT = 15.0  # seconds, for connecting and for each read
TOTAL_SECONDS = 60.0  # for the whole fetch: a server dripping bytes cannot hold it longer
MAX_BYTES = 10 * 1024 * 1024
MAX_REDIRECTS = 5
MAX_URL = 2000
HTML_TYPES = ("text/html", "application/xhtml+xml")
FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/xml", "text/xml",
              "application/rdf+xml", "text/html", "text/plain")
_CHUNK = 64 * 1024

_pool = urllib3.PoolManager(num_pools=8, retries=False, headers={"User-Agent": USER_AGENT})


class FetchError(ValueError):
    """The URL gave no usable page; the message names the URL and says why."""


class BadURL(FetchError):
    """The address itself is unusable (nothing was fetched)."""


@dataclass
class Fetched:
    url: str  # where the body came from, after redirects
    requested: str  # what was asked for
    content_type: str
    charset: str | None
    body: bytes


def check_url(url: str) -> str:
    """The URL stripped, if it is an absolute http(s) URL of a sensible length.

    :raises BadURL: anything else (a path, ``file:``, ``javascript:`` ...)
    """
    url = (url or "").strip()
    if not url:
        raise BadURL("No URL given")
    if len(url) > MAX_URL:
        raise BadURL(f"The URL is too long ({len(url):,} characters, at most {MAX_URL:,})")
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise BadURL(f"{url}: not a web address; give one starting with http:// or https://")
    if any(ord(c) < 33 for c in url):
        raise BadURL(f"{url}: a URL cannot contain spaces or control characters")
    return url


def _check_host(url: str) -> None:
    """Refuse a host that resolves to a loopback, private, link-local or reserved address."""
    parts = urlsplit(url)
    try:
        infos = socket.getaddrinfo(parts.hostname, parts.port or 80, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError):
        raise FetchError(f"{url}: no such host ({parts.hostname})") from None
    for info in infos:
        address = ipaddress.ip_address(info[4][0].split("%")[0])
        if not address.is_global:
            raise BadURL(f"{url}: {parts.hostname} is a local or private address "
                             f"({address}); only public web pages can be fetched")


def fetch(url: str, accept: tuple[str, ...] = HTML_TYPES, *, timeout: float = TIMEOUT,
          max_bytes: int = MAX_BYTES, max_redirects: int = MAX_REDIRECTS,
          allow_private: bool = False, total_seconds: float = TOTAL_SECONDS) -> Fetched:
    """GET ``url`` and return its body when it is one of the ``accept`` content types.

    :param accept: media types (without parameters) that are wanted
    :param allow_private: allow loopback and private addresses (tests, an intranet)
    :param total_seconds: the whole fetch's limit, redirects and reading included (each
        read may still take ``timeout``)
    :raises FetchError: bad URL, unreachable, timeout, an HTTP error status, too many
        redirects, a body over ``max_bytes`` or a content type not accepted
    """
    requested = url = check_url(url)
    deadline = time.monotonic() + total_seconds
    for _hop in range(max_redirects + 1):
        if not allow_private:
            _check_host(url)
        resp = _request(url, accept, timeout)
        try:
            if resp.status in (301, 302, 303, 307, 308):
                location = resp.headers.get("Location")
                if not location:
                    raise FetchError(f"{url}: redirect ({resp.status}) without a Location")
                try:
                    url = check_url(urljoin(url, location))
                except FetchError as exc:
                    raise FetchError(f"{requested}: redirected to an unusable address "
                                     f"({exc})") from None
                continue
            return _read(resp, requested, url, accept, max_bytes, deadline)
        finally:
            resp.release_conn()
    raise FetchError(f"{requested}: more than {max_redirects} redirects; gave up")


def _request(url: str, accept: tuple[str, ...], timeout: float) -> urllib3.BaseHTTPResponse:
    try:
        return _pool.request(
            "GET", url, redirect=False, preload_content=False,
            timeout=urllib3.Timeout(connect=timeout, read=timeout),
            headers={"User-Agent": USER_AGENT, "Accept": ", ".join(accept) + ", */*;q=0.1"})
    # Most specific first: urllib3 2 makes NewConnectionError a ConnectTimeoutError.
    except urllib3.exceptions.NameResolutionError:
        raise FetchError(f"{url}: no such host ({urlsplit(url).hostname})") from None
    except urllib3.exceptions.NewConnectionError as exc:
        reason = "connection refused" if "refused" in str(exc).lower() else "cannot connect"
        raise FetchError(f"{url}: {reason}") from None
    except urllib3.exceptions.TimeoutError:
        raise FetchError(f"{url}: no answer within {timeout:g} seconds (timed out)") from None
    except urllib3.exceptions.SSLError as exc:
        raise FetchError(f"{url}: secure connection failed ({exc.__class__.__name__})") from None
    except (urllib3.exceptions.HTTPError, ValueError) as exc:
        raise FetchError(f"{url}: the request failed ({exc.__class__.__name__})") from None


def _read(resp: urllib3.BaseHTTPResponse, requested: str, url: str,
          accept: tuple[str, ...], max_bytes: int, deadline: float) -> Fetched:
    if resp.status >= 400:
        raise FetchError(f"{url}: the server answered {resp.status} {resp.reason or ''}".rstrip())
    if resp.status != 200:
        raise FetchError(f"{url}: unexpected answer {resp.status} {resp.reason or ''}".rstrip())
    raw_type = resp.headers.get("Content-Type", "")
    media = raw_type.split(";")[0].strip().lower()
    if media not in accept:
        raise FetchError(f"{url}: not a web page ({media or 'no content type'}); "
                         f"expected {' or '.join(accept[:2])}")
    declared = resp.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise FetchError(f"{url}: too large ({int(declared):,} bytes, at most {max_bytes:,})")
    chunks, size = [], 0
    try:
        # read1 returns what has arrived: a server sending a byte at a time is checked
        # against the deadline at each byte, not after a whole chunk.
        while chunk := resp.read1(_CHUNK):
            size += len(chunk)
            if size > max_bytes:
                raise FetchError(f"{url}: too large (more than {max_bytes:,} bytes)")
            if time.monotonic() > deadline:
                raise FetchError(f"{url}: the page took too long to arrive (timed out)")
            chunks.append(chunk)
    except urllib3.exceptions.TimeoutError:
        raise FetchError(f"{url}: the page stopped arriving (timed out)") from None
    except (urllib3.exceptions.HTTPError, OSError) as exc:
        raise FetchError(f"{url}: the download broke off ({exc.__class__.__name__})") from None
    charset = None
    for param in raw_type.split(";")[1:]:
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            charset = value.strip().strip("\"'")
    return Fetched(url=url, requested=requested, content_type=media, charset=charset,
                   body=b"".join(chunks))


def decode_html(fetched: Fetched) -> str:
    """The body as text: the declared charset when Python knows it, else trafilatura's
    detection (meta tags, then a guess)."""
    if fetched.charset:
        try:
            return fetched.body.decode(fetched.charset)
        except (LookupError, UnicodeDecodeError):
            pass
    from trafilatura.utils import decode_file

    return decode_file(fetched.body)
