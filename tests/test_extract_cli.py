"""`python -m workbench extract --jsonl` writes one prediction line per input line."""
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _run(tmp_path, lines):
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "workbench", "extract", "--jsonl", str(src)],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    return [json.loads(l) for l in proc.stdout.splitlines()], proc.stderr


def test_cli_one_line_per_input_in_order(tmp_path):
    lines = [
        json.dumps({"id": "a", "text": '"We will win," said Mayor Ann Lee.'}),
        "{not json",
        json.dumps({"id": "b"}),
        json.dumps({"id": "c", "text": "Nothing quoted here."}),
        json.dumps(["not", "an", "object"]),
        "",
        json.dumps({"id": 7, "text": 12345}),
    ]
    out, err = _run(tmp_path, lines)
    assert [o["id"] for o in out] == ["a", None, "b", "c", None, None, 7]
    q = out[0]["quotes"][0]
    for key in ("start", "end", "text", "fragments", "speaker", "speaker_start", "speaker_end", "kind", "cue",
                "cue_start", "cue_end", "confidence", "rule"):
        assert key in q
    assert q["speaker"] == "Ann Lee" and q["kind"] == "direct"
    assert out[1]["quotes"] == [] and out[2]["quotes"] == [] and out[3]["quotes"] == []
    assert "line 2" in err and "line 3" in err
