"""One format for every stored timestamp: ISO 8601 in UTC, sortable as text."""
from datetime import datetime, timezone


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds")
