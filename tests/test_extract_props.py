"""Property tests: the extractor never crashes, keeps offsets inside the text and is deterministic."""
import re

from hypothesis import HealthCheck, given, settings, strategies as st

from workbench.extract import extract
from workbench.extract.sentences import tokens

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


# The tokenizer's definition as first written, one alternation per character of a word: the faster
# form in sentences.TOKEN_RE must split every text the same way, at the same offsets
_TOKEN_SPEC = re.compile(r"(?:[A-Za-z]\.){2,}|\d+(?:[.,]\d+)+|[^\W_](?:[\w&\u0300-\u036f]|['\u2019\-](?=[^\W_])|"
                         r"[\u0080-\u009f\u00a1-\u00bf](?=[\w\u0300-\u036f\u0080-\u009f\u00a1-\u00bf]))*|''|\S")
# letters, the marks a word may hold, combining accents, mis-decoded UTF-8 debris, superscripts and
# ordinals (word characters inside that debris range), blanks of several kinds
_TOKEN_CHARS = st.sampled_from(list("aZx.Y'\u2019-&_1,\u00e9\u00c0\u0301\u0300\u036f\u00c3\u00a7\u0080\u0085"
                                    "\u009f\u00a1\u00bf\u00b2\u00aa\u00ba\u00b5 \n\t\u00a0\u2028\u3000\u0660"))


@settings(max_examples=400, deadline=None)
@given(st.one_of(st.text(max_size=60), st.lists(_TOKEN_CHARS, max_size=40).map("".join)), st.data())
def test_tokens_follow_the_tokenizer_definition(text, data):
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    want = [(m.start(), m.end(), m.group()) for m in _TOKEN_SPEC.finditer(text, start, end)]
    assert tokens(text, start, end) == want


def test_tokens_of_odd_words():
    # U+0085 is a blank to str.split and, between letters, mis-decoded UTF-8 inside one word
    text = "Fran\u00c3\u0085ois said, \u00e9\u0085Za: U.S.-led 3,000 O'Neil\u2019s Jose\u0301 \u0085 x"
    got = tokens(text, 0, len(text))
    assert got == [(m.start(), m.end(), m.group()) for m in _TOKEN_SPEC.finditer(text)]
    assert [w for _, _, w in got][:4] == ["Fran\u00c3\u0085ois", "said", ",", "\u00e9\u0085Za"]
    assert all(text[s:e] == w for s, e, w in got)
