"""Many reviewers at once: verdict throughput, latency, and no lost or overwritten verdict.

Seeds its own temporary database with synthetic articles and 100,000 quotes (straight into
SQLite, no extraction), creates one reviewer account per client, starts the workbench
exactly as run.sh does (`flask --app app serve`: waitress on 127.0.0.1, CSRF on), signs
every client in through the login form, then for a fixed time each client thread gives
verdicts on quotes drawn from a shared hot set (so reviewers collide), with the version it
last saw, as htmx does. A 409 (someone changed the quote first) is the right answer to a
stale write, not an error: the client takes the current version from the response.

Afterwards it checks the database: every acknowledged verdict (200) is in review_log
under its reviewer, each quote's final state is its last acknowledged verdict, and every
count kept by triggers equals a full count (workbench/kept_counts.py).

usage: python bench/load.py [--clients 32] [--seconds 10] [--max-requests 200000]
                            [--quotes 100000] [--hot 2000] [--think-ms 0] [--threads 8]
                            [--client-procs 4]
"""
from __future__ import annotations

import argparse
import http.client
import json
import multiprocessing
import os
import random
import re
import shutil
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from workbench import accounts, kept_counts  # noqa: E402
from workbench import db as storage  # noqa: E402
from workbench.clock import now  # noqa: E402

PASSWORD = "load test password"
WORDS = ("council budget vote minister said river school market policy report people "
         "week plan water city road health tax court police").split()


def seed(db_path: Path, n_quotes: int, clients: int, per_article: int = 100) -> None:
    """Synthetic articles and quotes written straight into SQLite, plus the reviewers."""
    db = storage.connect(db_path)
    rng = random.Random(7)
    stamp = now()
    n_articles = max(1, n_quotes // per_article)
    conn = db.conn
    conn.execute("PRAGMA cache_size = -256000")  # the quote indexes fit in memory
    # Index the search table once at the end instead of row by row (3x faster).
    fts_trigger = conn.execute(
        "select sql from sqlite_master where type = 'trigger' and name = 'quotes_ai'").fetchone()
    with storage.write_transaction(db):
        if fts_trigger:
            conn.execute("drop trigger quotes_ai")
        conn.executemany("insert into speakers (id, name, kind, aliases) values (?, ?, ?, ?)",
                         [(i + 1, f"Speaker {i + 1}", "person", "[]") for i in range(500)])
        quote_rows = []
        for a in range(1, n_articles + 1):
            parts, offsets = [f"Synthetic article {a}\n\n"], []
            pos = len(parts[0])
            for _ in range(per_article):
                words = " ".join(rng.choices(WORDS, k=12))
                sentence = f'"{words}," said Speaker {rng.randint(1, 500)}. '
                offsets.append((pos + 1, pos + 1 + len(words), words))
                parts.append(sentence)
                pos += len(sentence)
            text = "".join(parts)
            conn.execute(
                "insert into articles (id, title, text, content_hash, ingested_at, ingested_by)"
                " values (?, ?, ?, ?, ?, ?)",
                (a, f"Synthetic article {a}", text, f"synthetic-{a}", stamp, "load"))
            for s, e, words in offsets:
                quote_rows.append((a, s, e, json.dumps([[s, e]]), words, "direct", "said",
                                   rng.randint(1, 500), 0.9, "synthetic", stamp))
        conn.executemany(
            "insert into quotes (article_id, start, end, fragments, text, kind, cue, "
            "speaker_id, confidence, rule, created_at, status, version, origin) "
            "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'unreviewed', 1, 'extractor')",
            quote_rows)
        hashed = accounts.hash_password(PASSWORD)
        conn.executemany(
            "insert into users (username, password_hash, role, disabled, must_change_password,"
            " created_at, updated_at) values (?, ?, 'reviewer', 0, 0, ?, ?)",
            [(f"rev{i:02d}", hashed, stamp, stamp) for i in range(clients)])
        if fts_trigger:
            conn.execute(fts_trigger[0])
            conn.execute("insert into quotes_fts (quotes_fts) values ('rebuild')")
    db.conn.close()


class Client:
    """One reviewer's browser: a keep-alive connection, the session cookie, the token."""

    def __init__(self, port: int, username: str):
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        self.cookie = ""
        self.token = ""
        self.username = username
        self.app_ms = float("nan")  # the server's own time for the last response

    def request(self, method: str, path: str, body: dict | None = None,
                headers: dict | None = None) -> tuple[int, str]:
        hdrs = {"Cookie": self.cookie, **(headers or {})}
        data = None
        if body is not None:
            data = urlencode(body)
            hdrs["Content-Type"] = "application/x-www-form-urlencoded"
        self.conn.request(method, path, body=data, headers=hdrs)
        resp = self.conn.getresponse()
        text = resp.read().decode("utf-8", "replace")
        timing = APP_MS_RE.search(resp.getheader("Server-Timing") or "")
        self.app_ms = float(timing.group(1)) if timing else float("nan")
        cookie = resp.getheader("Set-Cookie")
        if cookie:
            self.cookie = cookie.split(";", 1)[0]
        return resp.status, text

    def _read_token(self, html: str) -> None:
        self.token = re.search(r'<meta name="csrf-token" content="([^"]+)"', html).group(1)

    def sign_in(self) -> None:
        status, html = self.request("GET", "/login")
        self._read_token(html)
        status, _ = self.request("POST", "/login", {
            "username": self.username, "password": PASSWORD, "csrf_token": self.token})
        if status != 303:
            raise RuntimeError(f"{self.username} could not sign in: {status}")
        status, html = self.request("GET", "/login")  # signed in: redirects
        status, html = self.request("GET", "/quotes?article=1")
        self._read_token(html)


APP_MS_RE = re.compile(r"app;dur=([\d.]+)")
VERSION_RE = re.compile(r'name="version" value="(\d+)"')
STATUS_RE = re.compile(r'data-status="(\w+)"')


def run_client(idx: int, port: int, args, hot: list[int], stop, budget, out: dict,
               ready) -> None:
    client = Client(port, f"rev{idx:02d}")
    try:
        client.sign_in()
    finally:
        ready.wait()
    rng = random.Random(idx)
    if args.think_ms:
        # The barrier lets every client go in the same millisecond; reviewers at a human
        # pace are not in step, so each starts after a pause like any other.
        time.sleep(rng.uniform(0, 2 * args.think_ms) / 1000)
    seen: dict[int, int] = {}
    acks, latencies, app_times, conflicts, errors = [], [], [], 0, []
    n = 0
    while not stop.is_set():
        with budget.get_lock():
            if budget.value <= 0:
                break
            budget.value -= 1
        qid = rng.choice(hot)
        status = rng.choice(("verified", "disputed", "unreviewed"))
        tag = f"{client.username}-{n}"
        n += 1
        form = {"status": status, "version": str(seen.get(qid, 1)), "note": tag}
        if status == "disputed":
            form["reason"] = rng.choice(("misquote", "wrong_speaker", "other"))
        t0 = time.perf_counter()
        try:
            code, body = client.request("POST", f"/quotes/{qid}/verdict", form, {
                "HX-Request": "true", "X-CSRFToken": client.token})
        except (OSError, http.client.HTTPException) as exc:
            errors.append(f"{type(exc).__name__}: {exc}")
            client.conn.close()
            continue
        latencies.append(time.perf_counter() - t0)
        app_times.append(client.app_ms / 1000)
        version = VERSION_RE.search(body)
        if code == 200 and version:
            seen[qid] = int(version.group(1))
            acks.append((qid, int(version.group(1)), status, tag, client.username))
        elif code == 409 and version:
            seen[qid] = int(version.group(1))
            conflicts += 1
        else:
            errors.append(f"{code}: {body[:200]}")
        if args.think_ms:
            time.sleep(rng.uniform(0, 2 * args.think_ms) / 1000)
    out[idx] = {"acks": acks, "latencies": latencies, "app_times": app_times,
                "conflicts": conflicts, "errors": errors}


def run_probe(port: int, stop, times: list[float], every: float = 0.02) -> None:
    """The baseline measured in the same run: a small static file fetched every 20 ms.

    It goes through waitress and Flask but no database, session or template, so its
    latency is what this machine and server add to any request right now.
    """
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    while not stop.is_set():
        t0 = time.perf_counter()
        conn.request("GET", "/static/csrf.js")
        resp = conn.getresponse()
        resp.read()
        times.append(time.perf_counter() - t0)
        time.sleep(every)
    conn.close()


def client_process(indices: list[int], port: int, args, hot: list[int], stop, budget, ready,
                   results) -> None:
    """Some of the client threads in a process of their own: 32 threads in one process
    would wait for its GIL, and that wait would count as the server's latency."""
    out: dict = {}
    threads = [threading.Thread(target=run_client,
                                args=(i, port, args, hot, stop, budget, out, ready))
               for i in indices]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    results.put((out, time.process_time()))


def _cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process (Linux /proc; 0 elsewhere)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return 0.0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def verify(db_path: Path, acks: list[tuple]) -> dict:
    """Every acknowledged write is logged; each quote ends in its last acknowledged state."""
    conn = sqlite3.connect(db_path)
    try:
        tag_re = re.compile(r"rev\d+-\d+$")  # the note may be prefixed with the reason
        logged = {}
        for note, *rest in conn.execute(
                "select note, quote_id, reviewer, new_value from review_log where note is not null"):
            tag = tag_re.search(note)
            if tag:
                logged[tag.group(0)] = tuple(rest)
        missing = [a for a in acks if logged.get(a[3]) != (a[0], a[4], a[2])]
        last: dict[int, tuple] = {}
        for a in acks:
            if a[0] not in last or a[1] > last[a[0]][1]:
                last[a[0]] = a
        wrong = []
        for qid, (_, version, status, tag, reviewer) in last.items():
            row = conn.execute("select status, version, note, reviewer from quotes where id = ?",
                               [qid]).fetchone()
            if row != (status, version, tag, reviewer):
                wrong.append((qid, row, (status, version, tag, reviewer)))
        versions = {}
        dup_versions = 0
        for a in acks:  # two acknowledged writes must never claim the same version
            key = (a[0], a[1])
            dup_versions += key in versions
            versions[key] = a
        log_rows = conn.execute("select count(*) from review_log").fetchone()[0]
        integrity = conn.execute("PRAGMA integrity_check").fetchone()[0]
        drifted = kept_counts.differences(conn)
    finally:
        conn.close()
    return {"missing_from_log": missing, "wrong_final_state": wrong,
            "duplicate_versions": dup_versions, "log_rows": log_rows, "integrity": integrity,
            "drifted_counts": drifted}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--clients", type=int, default=32)
    ap.add_argument("--seconds", type=float, default=10)
    ap.add_argument("--max-requests", type=int, default=200_000)
    ap.add_argument("--quotes", type=int, default=100_000)
    ap.add_argument("--hot", type=int, default=2000,
                    help="quotes the clients draw from (fewer: more collisions)")
    ap.add_argument("--think-ms", type=float, default=0,
                    help="mean pause between one client's requests (0: as fast as it can)")
    ap.add_argument("--threads", type=int, default=8, help="waitress threads")
    ap.add_argument("--client-procs", type=int, default=4,
                    help="processes the client threads are spread over")
    ap.add_argument("--keep", action="store_true", help="keep the temporary database")
    ap.add_argument("--app", default="app", help="the --app given to flask (for experiments)")
    args = ap.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="workbench-load-"))
    db_path = tmp / "load.db"
    t0 = time.perf_counter()
    seed(db_path, args.quotes, args.clients)
    print(f"seeded {args.quotes:,} quotes and {args.clients} reviewers in "
          f"{time.perf_counter() - t0:.1f}s ({db_path})")

    port = free_port()
    env = {**os.environ, "WORKBENCH_DB": str(db_path), "WORKBENCH_INSTANCE": str(tmp / "inst"),
           "WORKBENCH_SERVER_TIMING": "1"}
    env.pop("WORKBENCH_SECRET_KEY", None)
    log = open(tmp / "server.log", "wb")  # a pipe nobody reads would fill and hang it
    server = subprocess.Popen(
        [sys.executable, "-m", "flask", "--app", args.app, "serve", "--port", str(port),
         "--threads", str(args.threads)], cwd=ROOT, env=env, stdout=log, stderr=log)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    print((tmp / "server.log").read_text(), file=sys.stderr)
                    raise SystemExit("the server did not start")
                time.sleep(0.1)

        rng = random.Random(1)
        hot = rng.sample(range(1, args.quotes + 1), min(args.hot, args.quotes))
        mp = multiprocessing.get_context("fork")
        stop, budget, results = mp.Event(), mp.Value("q", args.max_requests), mp.Queue()
        ready = mp.Barrier(args.clients + 1)
        n_procs = max(1, min(args.client_procs, args.clients))
        procs = [mp.Process(target=client_process, args=(
            list(range(p, args.clients, n_procs)), port, args, hot, stop, budget, ready, results))
            for p in range(n_procs)]
        for proc in procs:
            proc.start()
        # Clients sign in first (argon2 is slow on purpose); time the verdicts only.
        ready.wait()
        start = time.perf_counter()
        probe_times: list[float] = []
        probe = threading.Thread(target=run_probe, args=(port, stop, probe_times))
        probe.start()
        cpu0 = _cpu_seconds(server.pid)
        time.sleep(args.seconds)
        stop.set()
        out, client_cpu = {}, 0.0
        for _ in procs:  # drain the queue before joining: a full pipe would block a child
            part, cpu = results.get(timeout=120)
            out.update(part)
            client_cpu += cpu
        for proc in procs:
            proc.join()
        probe.join()
        elapsed = time.perf_counter() - start
        server_cpu = _cpu_seconds(server.pid) - cpu0
    finally:
        server.terminate()
        try:
            server.wait(10)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()

    missing_clients = args.clients - len(out)
    acks = [a for r in out.values() for a in r["acks"]]
    lat = sorted(x for r in out.values() for x in r["latencies"])
    in_app = sorted(x for r in out.values() for x in r["app_times"] if x == x)
    # Outside the app: waitress's queue and I/O thread, the GIL, the OS, the client.
    outside = sorted(total - app for r in out.values()
                     for total, app in zip(r["latencies"], r["app_times"]) if app == app)
    errors = [e for r in out.values() for e in r["errors"]]
    conflicts = sum(r["conflicts"] for r in out.values())
    check = verify(db_path, acks)
    requests = len(lat)

    def pct(p, xs=lat):
        return xs[min(len(xs) - 1, int(p * len(xs)))] * 1000 if xs else float("nan")

    print(f"{args.clients} clients, {elapsed:.1f}s, waitress threads {args.threads}, "
          f"think {args.think_ms} ms, hot set {len(hot)} of {args.quotes:,} quotes")
    print(f"requests      {requests:,} ({requests / elapsed:,.0f}/s)")
    print(f"cpu           server {server_cpu:.1f}s ({server_cpu / max(requests, 1) * 1000:.2f} ms "
          f"per request), clients {client_cpu:.1f}s with sign-in, on {os.cpu_count()} cores; load average "
          f"{os.getloadavg()[0]:.1f}")
    print(f"acknowledged  {len(acks):,} verdicts; {conflicts:,} refused as stale (409)")
    print(f"latency ms    p50 {pct(0.50):.1f}  p90 {pct(0.90):.1f}  p99 {pct(0.99):.1f}  "
          f"max {lat[-1] * 1000 if lat else float('nan'):.1f}  mean "
          f"{statistics.fmean(lat) * 1000 if lat else float('nan'):.1f}")
    floor = sorted(probe_times)
    for label, xs in (("  in the app", in_app), ("  outside it", outside),
                      ("static file", floor)):
        print(f"{label:14}p50 {pct(0.50, xs):.1f}  p90 {pct(0.90, xs):.1f}  "
              f"p99 {pct(0.99, xs):.1f}  max {xs[-1] * 1000 if xs else float('nan'):.1f}")
    print(f"{'':14}(the static file, fetched every 20 ms during the run, is the baseline: "
          f"verdict p99 / its p99 = {pct(0.99) / pct(0.99, floor):.1f}x)")
    print(f"errors        {len(errors) + missing_clients}"
          + (f"  e.g. {errors[0]}" if errors else ""))
    lost = len(check["missing_from_log"]) + len(check["wrong_final_state"])
    print(f"lost writes   {lost} (acknowledged but not in review_log: "
          f"{len(check['missing_from_log'])}; final state not the last acknowledged: "
          f"{len(check['wrong_final_state'])}; versions acknowledged twice: "
          f"{check['duplicate_versions']})")
    print(f"review_log    {check['log_rows']:,} rows; integrity_check {check['integrity']}")
    print("kept counts   " + (", ".join(check["drifted_counts"]) + " differ from a full count"
                              if check["drifted_counts"] else "every one equals a full count"))
    warnings = [line for line in (tmp / "server.log").read_text(errors="replace").splitlines()
                if "Traceback" in line or "ERROR" in line]
    print(f"server log    {len(warnings)} errors" + (f", e.g. {warnings[0]}" if warnings else ""))
    ok = not errors and not missing_clients and lost == 0 and not check["duplicate_versions"] \
        and check["integrity"] == "ok" and check["log_rows"] == len(acks) \
        and not check["drifted_counts"]
    print(f"p99 target    {'met' if pct(0.99) < 50 else 'MISSED'} (< 50 ms)")
    if not args.keep:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
