"""The highlight sweep gives, run by run, what testing every mark against every run gives."""
from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.highlight import paragraphs


def naive_coverage(text, quotes):
    """For each character: the quote, speaker and cue ids covering it (the definition)."""
    cover = {}
    for i in range(len(text)):
        q_ids, sp, cue = [], [], []
        for q in quotes:
            if q["start"] <= i < q["end"]:
                q_ids.append(q["id"])
            if q.get("speaker_start") is not None and q["speaker_start"] <= i < q["speaker_end"]:
                sp.append(q["id"])
            if q.get("cue_start") is not None and q["cue_start"] <= i < q["cue_end"]:
                cue.append(q["id"])
        cover[i] = (q_ids, sp, cue)
    return cover


@st.composite
def article(draw):
    text = draw(st.text(alphabet="ab .\n", max_size=80))
    n = len(text)
    span = st.tuples(st.integers(0, n), st.integers(0, n)).map(sorted)
    quotes = []
    for i in range(draw(st.integers(0, 8))):
        s, e = draw(span)
        q = {"id": i + 1, "start": s, "end": e}
        if draw(st.booleans()):
            q["speaker_start"], q["speaker_end"] = draw(span)
        if draw(st.booleans()):
            q["cue_start"], q["cue_end"] = draw(span)
        quotes.append(q)
    quotes.sort(key=lambda q: q["start"])
    return text, quotes


@settings(max_examples=300, deadline=None)
@given(article())
def test_sweep_matches_the_definition(case):
    text, quotes = case
    paras = paragraphs(text, quotes)
    expected = naive_coverage(text, quotes)
    seen = set()
    for para in paras:
        for run in para.runs:
            assert text[run.start:run.start + len(run.text)] == run.text
            assert "\n\n" not in run.text
            for i in range(run.start, run.start + len(run.text)):
                assert (list(run.quote_ids), list(run.speaker_of), list(run.cue_of)) \
                    == expected[i]
                seen.add(i)
    # Every character is shown except the blank lines between paragraphs.
    assert all(text[i] == "\n" for i in set(range(len(text))) - seen)


def test_every_quote_of_a_long_article_is_marked():
    text = ('"Word word word," he said. ' * 4 + "\n\n") * 2000
    quotes = [{"id": i, "start": i * 27, "end": i * 27 + 17} for i in range(len(text) // 27)]
    paras = paragraphs(text, quotes)
    assert len(paras) == 2000
    assert {i for p in paras for r in p.runs for i in r.quote_ids} == {q["id"] for q in quotes}
