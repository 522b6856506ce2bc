"""Wire copy and the mistakes a journalist notices: invented sentences, one per rule change."""
import pytest

from workbench.extract import extract


def _quotes(text):
    return [(q.text, q.speaker, q.rule) for q in extract(text).quotes]


def _only(text):
    ex = extract(text)
    assert len(ex.quotes) == 1, [(q.text, q.speaker, q.rule) for q in ex.quotes]
    return ex.quotes[0]


@pytest.mark.parametrize("text", [
    "MOSCOW, June 3 (Reuters) - Russia will not sell its new missiles to Syria, Foreign Minister Sergei "
    "Lavrov told reporters.",
    "MOSCOW (Reuters) - Russia will not sell its new missiles to Syria, Foreign Minister Sergei Lavrov "
    "said on Tuesday.",
])
def test_a_dateline_story_keeps_its_quote_and_the_dateline_is_not_said(text):
    q = _only(text)
    assert q.text == "Russia will not sell its new missiles to Syria"
    assert q.speaker == "Sergei Lavrov"


@pytest.mark.parametrize("text, span, speaker", [
    ("Interfax quoted Deputy Foreign Minister Sergei Ryabkov as saying that Moscow would not change its "
     "position.", "that Moscow would not change its position", "Sergei Ryabkov"),
    ("Itar-Tass cited Lavrov as saying the talks had stalled.", "the talks had stalled", "Lavrov"),
    ("Ryabkov was quoted by Interfax as saying that the deal was dead.", "that the deal was dead", "Ryabkov"),
])
def test_the_person_a_wire_agency_quotes_is_the_speaker(text, span, speaker):
    q = _only(text)
    assert (q.text, q.speaker) == (span, speaker)
