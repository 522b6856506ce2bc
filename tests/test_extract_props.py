"""Property tests: the extractor never crashes, keeps offsets inside the text and is deterministic."""
from hypothesis import HealthCheck, given, settings, strategies as st

from workbench.extract import extract

_ALPHABET = st.sampled_from(list("abcdefghij ABCDEFG.,;:!?-'\"\n\u201c\u201d\u2018\u2019\u00ab\u00bb\u2014")
                            + ["said", " he ", "She ", "Mr.", "told ", "according to ", "that ", "John Smith",
                               "''", "\n\n", "U.S.", "\u00a0", "said:"])
_TEXT = st.one_of(st.text(max_size=400), st.lists(_ALPHABET, max_size=120).map("".join))


def _check(text):
    ex = extract(text)
    for q in ex.quotes:
        assert 0 <= q.start < q.end <= len(text)
        assert q.text == text[q.start:q.end]
        assert q.fragments and q.fragments[0][0] == q.start and q.fragments[-1][1] == q.end
        for s, e in q.fragments:
            assert q.start <= s < e <= q.end
        for a, b in ((q.cue_start, q.cue_end), (q.speaker_start, q.speaker_end)):
            if a is not None:
                assert 0 <= a < b <= len(text)
        assert 0.0 <= q.confidence <= 1.0
        assert q.kind in ("direct", "mixed", "reported")
    starts = [q.start for q in ex.quotes]
    assert starts == sorted(starts)
    names = {sp.name for sp in ex.speakers}
    assert all(q.speaker in names for q in ex.quotes if q.speaker)
    return ex


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_TEXT)
def test_arbitrary_text_is_safe_and_deterministic(text):
    assert _check(text) == _check(text)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(['"We will win," he said.', "\u201cNo,\u201d said Ann Lee.",
                                 "Officials said the road was closed.", "He left.", '"Unclosed quote',
                                 "\u201d stray", "According to police, it rained.", "\n\n"]), max_size=12))
def test_sentence_soup(parts):
    text = " ".join(parts)
    _check(text)


def test_degenerate_inputs_are_safe():
    # long runs of commas, marks and cues once caused deep recursion / quadratic scans
    for unit in (", ", '"', ", saying ", "X, who said ", '\u201ca,\u201d he said, \u201cb ', "Smith said the plan ",
                 "called him \"x\" ", "(", "and said ", 'the "plan" was bad and writing, "we go now and stay," and '):
        text = "Smith" + unit * 3000 + " said the thing is done."
        ex = _check(text)
        assert isinstance(ex.quotes, list)
