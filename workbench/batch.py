"""Quote extraction over a news archive on a dask.distributed cluster.

The client reads the inputs (JSON Lines or Parquet, files or folders) and cuts them into
numbered partitions of consecutive articles; each worker runs the single-process code path
(:mod:`workbench.records`) over a partition and returns the finished bytes of its output
files; the client writes them. Workers therefore need neither the inputs nor the output
folder: machines that share no disk work as well as a local cluster.

A partition's output is named by its number and its articles keep their input order, so
the files read in name order are the same whatever the number of workers or the order in
which partitions finish. Each partition is written atomically and then marked done in
``OUTDIR/_done/``; a rerun skips the partitions marked there.
"""
from __future__ import annotations

import contextlib
import gc
import hashlib
import io
import json
import os
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from .documents import content_hash
from .extract import Extraction
from .records import META_FIELDS, Record, from_mapping, parse_line, prediction_line, run

FORMATS = ("parquet", "jsonl")
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
PARQUET_SUFFIXES = {".parquet"}
DEFAULT_PARTITION_SIZE = 500
MANIFEST = "_batch.json"
DONE_DIR = "_done"
TABLES = ("articles", "quotes", "speakers")

# (source file, line or row number from 1, raw JSON line or decoded Parquet row)
Item = tuple[str, int, Any]


class BatchError(ValueError):
    """The batch cannot start; the message says why, for the person who ran it."""


@cache
def extractor_fingerprint() -> str:
    """A hash of the extractor's source: workers running another version would break the
    promise of output identical to the single-process command."""
    here = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for path in sorted((here / "extract").glob("*.py")) + [here / "records.py"]:
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


# -- inputs (client side) ---------------------------------------------------------------

def input_files(paths: Iterable[str | Path]) -> list[Path]:
    """Every input file named, or found below a named folder (in name order).

    :raises BatchError: a path does not exist or a folder holds no input files
    """
    files: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file()
                           and p.suffix.lower() in JSONL_SUFFIXES | PARQUET_SUFFIXES
                           and not p.name.startswith((".", "_")))
            if not found:
                raise BatchError(f"{path}: no .jsonl, .ndjson or .parquet files in this folder")
            files.extend(found)
        elif path.is_file():
            files.append(path)
        else:
            raise BatchError(f"{path}: no such file or folder")
    return files


def _is_parquet(path: Path) -> bool:
    return path.suffix.lower() in PARQUET_SUFFIXES


def count_articles(files: list[Path]) -> int:
    """Input lines and rows, for the progress bar (one pass over the bytes, no parsing)."""
    total = 0
    for path in files:
        if _is_parquet(path):
            total += _open_parquet(path).metadata.num_rows
            continue
        last = b"\n"
        with open(path, "rb") as fh:
            while chunk := fh.read(1 << 20):
                total += chunk.count(b"\n")
                last = chunk[-1:]
        total += last != b"\n"  # a last line without its newline is still a line
    return total


def iter_items(files: list[Path]) -> Iterator[Item]:
    """Every input article in order: JSON lines exactly as ``extract --jsonl`` reads them."""
    for path in files:
        if _is_parquet(path):
            yield from _parquet_rows(path)
            continue
        # The same decoding as the single-process command (bad bytes replaced, universal
        # newlines), so both see the same lines.
        with open(path, encoding="utf-8", errors="replace") as fh:
            for lineno, line in enumerate(fh, 1):
                yield str(path), lineno, line


def _open_parquet(path: Path):
    import pyarrow.parquet as pq

    try:
        return pq.ParquetFile(path)
    except (OSError, ValueError) as exc:  # pyarrow's ArrowInvalid is a ValueError
        raise BatchError(f"{path}: not a readable Parquet file ({exc})") from None


def _parquet_rows(path: Path) -> Iterator[Item]:
    parquet = _open_parquet(path)
    columns = [c for c in ("id", "text", *META_FIELDS) if c in parquet.schema_arrow.names]
    if "text" not in columns:
        raise BatchError(f"{path}: no 'text' column (columns: {', '.join(parquet.schema_arrow.names)})")
    rowno = 0
    for batch in parquet.iter_batches(batch_size=1000, columns=columns):
        for row in batch.to_pylist():
            rowno += 1
            for key in META_FIELDS:  # a date column typed as a date reads as ISO text
                if row.get(key) is not None and not isinstance(row[key], str):
                    row[key] = row[key].isoformat() if hasattr(row[key], "isoformat") \
                        else str(row[key])
            yield str(path), rowno, row


def partitions(items: Iterable[Item], size: int) -> Iterator[tuple[int, list[Item]]]:
    """Consecutive runs of ``size`` items, numbered from 0."""
    chunk: list[Item] = []
    index = 0
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield index, chunk
            index, chunk = index + 1, []
    if chunk:
        yield index, chunk


# -- one partition (worker side) ------------------------------------------------------------

def part_name(index: int) -> str:
    return f"part-{index:06d}"


def extract_partition(index: int, first: int, items: list[Item], fmt: str,
                      fingerprint: str) -> dict:
    """Run the extractor over one partition and return its finished output files.

    :param first: the position of the partition's first item in the whole input, so that
        article numbers do not depend on the partition size
    :param fingerprint: the client's :func:`extractor_fingerprint`
    :return: ``files`` (path under OUTDIR -> bytes), ``lines``, ``articles``, ``quotes``
        and ``problems`` (``[where, message]`` for every line that is not an article)
    """
    if fingerprint != extractor_fingerprint():
        raise RuntimeError(f"this worker runs another version of the extractor "
                           f"({extractor_fingerprint()}, the client has {fingerprint}): "
                           "install the same workbench version on every machine")
    results: list[tuple[int, str, int, Record, Extraction | None]] = []
    problems = []
    for offset, (source, lineno, payload) in enumerate(items):
        record = parse_line(payload) if isinstance(payload, str) else from_mapping(payload)
        record, extraction = run(record)
        if record.problem:
            problems.append([f"{source}:{lineno}", record.problem])
        results.append((first + offset, source, lineno, record, extraction))
    name = part_name(index)
    if fmt == "jsonl":
        data = "".join(prediction_line(r, ex) for _, _, _, r, ex in results)
        files = {f"{name}.jsonl": data.encode("utf-8")}
    else:
        files = {f"{table}/{name}.parquet": blob
                 for table, blob in _parquet_files(results).items()}
    ok = [ex for *_, ex in results if ex is not None]
    return {"files": files, "lines": len(items), "articles": len(ok),
            "quotes": sum(len(ex.quotes) for ex in ok), "problems": problems}


def _id_text(value: Any) -> str | None:
    # Parquet needs one type per column: ids are kept as text, non-text ids as their JSON.
    if value is None or isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False)


@cache
def schemas() -> dict:
    """The Parquet schema of each output table."""
    import pyarrow as pa

    s, i64 = pa.string(), pa.int64()
    return {
        "articles": pa.schema([
            ("seq", i64), ("id", s), ("source", s), ("line", i64), ("title", s),
            ("outlet", s), ("date", s), ("url", s), ("text", s), ("content_hash", s),
            ("quotes", i64)]),
        "quotes": pa.schema([
            ("article_seq", i64), ("article_id", s), ("n", i64), ("start", i64), ("end", i64),
            ("text", s), ("fragments", pa.list_(pa.list_(i64))), ("speaker", s),
            ("speaker_mention", s), ("speaker_start", i64), ("speaker_end", i64),
            ("speaker_role", s), ("kind", s), ("cue", s), ("cue_start", i64),
            ("cue_end", i64), ("confidence", pa.float64()), ("rule", s), ("reported_by", s),
            ("reported_by_mention", s), ("reported_by_start", i64), ("reported_by_end", i64),
            ("reported_by_role", s)]),
        "speakers": pa.schema([
            ("article_seq", i64), ("name", s), ("kind", s), ("role", s), ("gender", s),
            ("aliases", pa.list_(s))]),
    }


def _parquet_files(results) -> dict[str, bytes]:
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows: dict[str, list[dict]] = {t: [] for t in TABLES}
    for seq, source, lineno, record, ex in results:
        if ex is None:
            continue  # reported as a problem, not an article
        meta, doc_id = record.meta or {}, _id_text(record.id)
        rows["articles"].append({
            "seq": seq, "id": doc_id, "source": source, "line": lineno,
            **{k: meta.get(k) for k in META_FIELDS},
            "text": record.text, "content_hash": content_hash(record.text),
            "quotes": len(ex.quotes)})
        # every field of the extractor's Quote and Speaker, as batch_import rebuilds them from the row
        for n, q in enumerate(ex.quotes):
            rows["quotes"].append({"article_seq": seq, "article_id": doc_id, "n": n, **vars(q),
                                   "fragments": [list(f) for f in q.fragments]})
        for sp in ex.speakers:
            rows["speakers"].append({"article_seq": seq, **vars(sp), "aliases": list(sp.aliases)})
    out = {}
    for table, schema in schemas().items():
        buf = io.BytesIO()
        pq.write_table(pa.Table.from_pylist(rows[table], schema=schema), buf,
                       compression="zstd")
        out[table] = buf.getvalue()
    return out


# -- the run (client side) --------------------------------------------------------------

def _write_atomic(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")  # hidden: readers of the folder skip it
    with open(tmp, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


def _manifest(files: list[Path], fmt: str, partition_size: int) -> dict:
    return {
        "format": fmt, "partition_size": partition_size, "extractor": extractor_fingerprint(),
        "inputs": [{"path": str(p.resolve()), "size": p.stat().st_size} for p in files],
    }


def _check_manifest(outdir: Path, manifest: dict) -> None:
    """Refuse to resume into output made from other inputs or settings."""
    path = outdir / MANIFEST
    if path.exists():
        old = json.loads(path.read_text(encoding="utf-8"))
        if old != manifest:
            differ = ", ".join(k for k in manifest if old.get(k) != manifest[k])
            raise BatchError(f"{outdir} holds a batch with other {differ}: give a new output "
                             "folder, or delete this one to start over")
    elif outdir.exists() and any(outdir.iterdir()):
        raise BatchError(f"{outdir} is not empty and holds no batch output: give a new folder")
    _write_atomic(path, json.dumps(manifest, indent=1).encode("utf-8"))


@dataclass
class Summary:
    lines: int = 0
    articles: int = 0
    quotes: int = 0
    partitions_done: int = 0
    partitions_resumed: int = 0  # found done by an earlier run, not recomputed
    partitions_failed: list = field(default_factory=list)  # [index, message]
    seconds: float = 0.0
    startup: float = 0.0  # of ``seconds``, until the cluster was ready for work
    _problems: dict = field(default_factory=dict, repr=False)

    def add(self, index: int, result: dict) -> None:
        self.lines += result["lines"]
        self.articles += result["articles"]
        self.quotes += result["quotes"]
        self._problems[index] = result["problems"]

    @property
    def problems(self) -> list:
        """``[where, message]`` of every skipped line, in input order (partitions finish in
        any order)."""
        return [p for i in sorted(self._problems) for p in self._problems[i]]


# Dask's housekeeping, tuned down for a local cluster that shares its cores with the work:
# the workers' statistical profiler samples the running task every 10 ms (6% of a worker's
# CPU on 400 train articles, for a dashboard nobody looks at), and every process's event
# loop ticks every 20 ms, nannies poll memory every 100 ms, system monitors every 500 ms
# (an idle 2-worker cluster: 1.15 CPU-seconds every 10 s by default, 0.28 with these).
QUIET_CLUSTER = {
    "distributed.worker.profile.enabled": False,
    "distributed.admin.tick.interval": "1s",
    "distributed.worker.memory.monitor-interval": "1s",
    "distributed.admin.system-monitor.interval": "2s",
}


def _open_client(workers: int | None, scheduler: str | None):
    import logging

    import dask
    from dask.distributed import Client, LocalCluster

    if scheduler:
        try:
            return _started(Client, scheduler, timeout="20s"), None
        except (OSError, ValueError) as exc:  # unreachable, or not an address at all
            raise BatchError(f"cannot reach the Dask scheduler at {scheduler} ({exc})") from None
    with dask.config.set(QUIET_CLUSTER):
        cluster = LocalCluster(n_workers=workers or os.cpu_count() or 1, threads_per_worker=1,
                               processes=True, dashboard_address=None,
                               silence_logs=logging.ERROR)
    return _started(Client, cluster), cluster


def _started(client_class, *args, attempts: int = 3, **kwargs):
    """A connected Client, trying again when its event-loop thread did not start.

    distributed's LoopRunner waits 10 s for the thread that runs the client's event loop
    and then fails an ``assert loop is not None``; it happened once in a CI run of
    tests/test_batch.py on an idle machine, and a second try connected.
    """
    for attempt in range(1, attempts + 1):
        try:
            with _no_collection():
                return client_class(*args, **kwargs)
        except AssertionError:
            if attempt == attempts:
                raise BatchError("the Dask client could not start its event loop "
                                 f"({attempts} tries)") from None


@contextlib.contextmanager
def _no_collection():
    """No garbage collection while a Client starts.

    An earlier Client left in a reference cycle is closed by its ``__del__`` when the
    collector finds it; if that happens inside a new Client's start, its close waits for
    the lock (one for every LoopRunner of the process) that the start holds: the process
    hangs (seen in a CI run of tests/test_batch.py: the main thread in Client.__del__ ->
    LoopRunner.stop under LoopRunner.start). Collecting first finalizes such clients
    outside the lock; pausing the collector keeps it from running inside it.
    """
    gc.collect()
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def worker_ready() -> str:
    """Load the extractor (modules and sentence model) and say which version it is."""
    run(parse_line('{"text": "\\"Ready,\\" she said."}'))
    return extractor_fingerprint()


def _check_workers(client) -> None:
    """Warm every worker up and refuse to start when one runs another extractor."""
    try:
        versions = client.run(worker_ready)
    except Exception as exc:  # the worker's own error, re-raised here as a plain Exception
        raise BatchError(f"a worker cannot run the extractor ({exc}): start every worker "
                         "with PYTHONPATH set to a checkout of this workbench") from None
    others = {w: fp for w, fp in versions.items() if fp != extractor_fingerprint()}
    if others:
        raise BatchError(f"workers {', '.join(sorted(others))} run another version of the "
                         "extractor than this client: install the same workbench version "
                         "on every machine")


def run_batch(inputs: Iterable[str | Path], outdir: str | Path, fmt: str = "parquet",
              workers: int | None = None, scheduler: str | None = None,
              partition_size: int = DEFAULT_PARTITION_SIZE, progress: bool = True,
              report: Callable[[str], None] | None = None) -> Summary:
    """Extract every input article on a Dask cluster into ``outdir``.

    :param workers: worker processes of the local cluster (default: one per core)
    :param scheduler: address of a running scheduler (``tcp://host:8786``) to use instead
    :param report: called with each problem and failure message (default: stderr)
    :raises BatchError: bad inputs, an output folder of another batch, no scheduler
    """
    from dask.distributed import as_completed
    from tqdm import tqdm

    if fmt not in FORMATS:
        raise BatchError(f"unknown format {fmt!r}: use one of {', '.join(FORMATS)}")
    if partition_size < 1:
        raise BatchError("the partition size must be at least 1")
    if workers is not None and workers < 1:
        raise BatchError("--workers must be at least 1")
    files = input_files(inputs)
    outdir = Path(outdir)
    total = count_articles(files)  # also opens every Parquet file: a bad one stops us here
    _check_manifest(outdir, _manifest(files, fmt, partition_size))
    started = time.perf_counter()
    summary = Summary()
    bar = tqdm(total=total, unit="article", file=sys.stderr, disable=not progress,
               smoothing=0.1)
    say = report or (lambda message: bar.write(message, file=sys.stderr))

    def handle(index: int, result: dict) -> None:
        summary.add(index, result)
        summary.partitions_done += 1
        bar.update(result["lines"])
        for where, message in result["problems"]:
            say(f"skipped {where}: {message}")

    client, cluster = _open_client(workers, scheduler)
    try:
        try:
            client.wait_for_workers(1, timeout=120)
        except TimeoutError:
            raise BatchError(f"no worker joined the scheduler at {scheduler} in 120 s: "
                             "start some with 'dask worker ADDRESS'") from None
        _check_workers(client)
        summary.startup = time.perf_counter() - started
        threads = max(1, sum(client.nthreads().values()))
        in_flight = as_completed()
        pending = {}
        todo = partitions(iter_items(files), partition_size)

        def submit_next() -> bool:
            for index, items in todo:
                done = outdir / DONE_DIR / f"{part_name(index)}.json"
                if done.exists():  # finished by an earlier run
                    summary.partitions_resumed += 1
                    handle(index, json.loads(done.read_text(encoding="utf-8")))
                    continue
                future = client.submit(extract_partition, index, index * partition_size,
                                       items, fmt, extractor_fingerprint(), pure=False)
                pending[future] = index
                in_flight.add(future)
                return True
            return False

        # A few partitions per worker thread in flight: workers never wait for input, and
        # the client never holds more than that much of the archive in memory.
        for _ in range(2 * threads + 1):
            if not submit_next():
                break
        for future in in_flight:
            index = pending.pop(future)
            try:
                result = future.result()
            except Exception as exc:
                summary.partitions_failed.append([index, f"{type(exc).__name__}: {exc}"])
                say(f"partition {index} failed, rerun to retry it: {type(exc).__name__}: {exc}")
            else:
                for rel, data in result.pop("files").items():
                    _write_atomic(outdir / rel, data)
                _write_atomic(outdir / DONE_DIR / f"{part_name(index)}.json",
                              json.dumps(result).encode("utf-8"))
                handle(index, result)
            future.release()
            submit_next()
    finally:
        bar.close()
        client.close()
        if cluster is not None:
            cluster.close()
    summary.seconds = time.perf_counter() - started
    return summary
