"""Behaviour of the quote extractor (workbench.extract) on hand-written sentences and the seed."""
import json
import pickle
from pathlib import Path

import pytest

from workbench.extract import Extraction, Quote, Speaker, extract, to_prediction

DATA = Path(__file__).parent / "data"


def _seed():
    return json.loads((DATA / "seed_gold.jsonl").read_text(encoding="utf-8").splitlines()[0])


def _only(text, **want):
    ex = extract(text)
    assert len(ex.quotes) == 1, [(q.text, q.rule) for q in ex.quotes]
    q = ex.quotes[0]
    for k, v in want.items():
        assert getattr(q, k) == v, (k, getattr(q, k), v)
    return q


def _first_direct(text):
    """The first direct quote extracted from text."""
    return [q for q in extract(text).quotes if q.kind == "direct"][0]


def test_seed_all_scored_quotes_with_resolved_person():
    art = _seed()
    ex = extract(art["text"])
    for g in art["quotes"]:
        if g.get("optional"):
            continue
        gs = set(range(g["start"], g["end"]))
        best = max(ex.quotes, key=lambda q: len(gs & set(range(q.start, q.end))))
        inter = len(gs & set(range(best.start, best.end)))
        assert inter >= 0.8 * len(gs) and inter >= 0.8 * (best.end - best.start), g["text"]
        last = g["speaker_canonical"].split()[-1]
        assert best.speaker and last in best.speaker, (g["text"], best.speaker)


def test_seed_speakers_canonical_and_roles():
    ex = extract(_seed()["text"])
    by = {s.name: s for s in ex.speakers}
    assert "Lakhdar Brahimi" in by
    assert "Sergei Lavrov" in by and by["Sergei Lavrov"].role == "Russian Foreign Minister"
    assert "Lavrov" in by["Sergei Lavrov"].aliases or "Russian Foreign Minister Sergei Lavrov" in by["Sergei Lavrov"].aliases
    assert by["Vladimir Putin"].kind == "person"


def test_offsets_are_exact_and_api_types():
    text = 'The mayor spoke.\n\n"We will rebuild the bridge," Mayor Jane Smith said on Monday.'
    ex = extract(text)
    assert isinstance(ex, Extraction)
    assert ex.quotes and all(isinstance(q, Quote) for q in ex.quotes)
    assert all(isinstance(s, Speaker) for s in ex.speakers)
    for q in ex.quotes:
        assert q.text == text[q.start:q.end]
        assert 0.0 <= q.confidence <= 1.0
    q = ex.quotes[0]
    assert q.kind == "direct" and q.speaker == "Jane Smith" and q.rule.startswith("direct")
    assert text[q.speaker_start:q.speaker_end] == "Mayor Jane Smith"
    assert q.cue == "said" and text[q.cue_start:q.cue_end] == "said"
    pickle.loads(pickle.dumps(ex))


@pytest.mark.parametrize("open_, close", [('"', '"'), ("\u201c", "\u201d"), ("\u00ab", "\u00bb"), ("''", "''")])
def test_direct_marks_styles(open_, close):
    text = f"{open_}The budget is balanced,{close} said Governor Tom Reed."
    q = _only(text, kind="direct", speaker="Tom Reed")
    assert q.text.startswith(open_) and "balanced," in q.text


def test_apostrophes_are_not_marks():
    text = "\u201cIt\u2019s the voters\u2019 choice, and we don\u2019t mind,\u201d Smith\u2019s rival, Ann Lee, said."
    ex = extract(text)
    assert len(ex.quotes) == 1
    assert ex.quotes[0].text.endswith("mind,\u201d")


def test_split_quote_is_one_quote_with_fragments():
    text = '"We lost," he said, "but we will be back next year."'
    q = _only(text, kind="direct")
    assert len(q.fragments) == 2
    assert text[q.fragments[0][0]:q.fragments[0][1]] == '"We lost,"'
    assert text[q.speaker_start:q.speaker_end] == "he"


def test_multi_paragraph_quote():
    text = ('Senator Mary Jones said: "The first thing is jobs.\n\n'
            '"The second thing is schools, and that is all."\n\nThe meeting ended.')
    ex = extract(text)
    assert len(ex.quotes) == 1
    q = ex.quotes[0]
    assert len(q.fragments) == 2 and q.speaker == "Mary Jones"


def test_stray_mark_is_local():
    text = ('He said "this is odd.\n\n'
            '"Nothing is lost," said Paul Green.')
    ex = extract(text)
    assert any(q.speaker == "Paul Green" and "Nothing is lost" in q.text for q in ex.quotes)


def test_reported_said_that_keeps_that_drops_period():
    # PolNeAR convention: the complementizer belongs to the span, the final period does not
    text = "Prime Minister John Baker said that the economy would grow next year."
    q = _only(text, kind="reported", speaker="John Baker", cue="said")
    assert q.text == "that the economy would grow next year"
    q = _only("John Baker said the economy would grow.", kind="reported")
    assert q.text == "the economy would grow"


def test_inverted_reported():
    text = "The plan will cost billions of dollars over a decade, the newspaper reported."
    q = _only(text, kind="reported")
    assert q.text == "The plan will cost billions of dollars over a decade"
    assert q.speaker == "the newspaper"


def test_according_to():
    text = "According to officials, the talks will resume in March."
    q = _only(text, kind="reported", speaker="officials")
    assert q.text == "the talks will resume in March"


def test_told_reporters_skips_addressee():
    text = "Mr. Hale told reporters that the vote was delayed."
    q = _only(text, speaker_mention="Mr. Hale")
    assert q.text == "that the vote was delayed"


def test_mixed_quote_kind():
    text = 'Senator Ann Cole warned that the sale would be "deeply destabilizing" for the region.'
    q = _only(text, kind="mixed", speaker="Ann Cole")
    assert q.text == 'that the sale would be "deeply destabilizing" for the region'


def test_coordinated_verbs_give_two_quotes():
    text = "Kim Park said the law was unfair but said she would obey it."
    ex = extract(text)
    texts = [q.text for q in ex.quotes]
    assert texts == ["the law was unfair", "she would obey it"]
    assert all(q.speaker == "Kim Park" for q in ex.quotes)


def test_non_speech_cues_rejected():
    ex = extract("The two sides agreed to meet again. The war killed an estimated 70,000 people.")
    assert ex.quotes == []


def test_pronoun_resolves_to_salient_subject_not_last_speaker():
    text = ('"Prices will fall," said Carl Nash.\n\n'
            'Meanwhile Foreign Minister Helen Voss visited the capital on Friday.\n\n'
            '"We are ready to talk," she told reporters.')
    ex = extract(text)
    q = [q for q in ex.quotes if "ready" in q.text][0]
    assert q.speaker == "Helen Voss" and q.speaker_mention == "she"


def test_relative_clause_cue():
    text = "Envoy Lars Berg praised the plan, which he said had convinced him to stay."
    ex = extract(text)
    q = [q for q in ex.quotes if q.rule == "reported.relative"][0]
    assert q.text == "had convinced him to stay" and q.speaker == "Lars Berg"


def test_headline_scare_quote_not_a_direct_quote():
    ex = extract("Leaders Discuss 'Possible Options' for Peace\n\nThe talks were held in Paris.")
    assert all(q.kind != "direct" for q in ex.quotes)


def test_empty_and_weird_inputs():
    for t in ["", "   ", '"', "\u201c\u201c\u201d", "said said said", "\n\n\n\"\n\n\""]:
        ex = extract(t)
        for q in ex.quotes:
            assert q.text == t[q.start:q.end]


def test_parenthetical_attribution_gives_two_fragments():
    text = "The deal, Senator Ann Cole said, will fail next year."
    q = _only(text, kind="reported", speaker="Ann Cole")
    assert [text[s:e] for s, e in q.fragments] == ["The deal", "will fail next year"]


def test_participle_takes_the_speaker_of_the_sentence():
    text = '"We will be back," Mayor Tom Reed said, adding that the city would rebuild the bridge.'
    ex = extract(text)
    rep = [q for q in ex.quotes if q.kind == "reported"]
    assert rep and rep[0].speaker == "Tom Reed" and rep[0].text == "that the city would rebuild the bridge"


def test_according_to_after_clause():
    text = "The talks will resume in March, according to the newspaper."
    q = _only(text, kind="reported", speaker="the newspaper")
    assert q.text == "The talks will resume in March"


def test_appositive_chain_speaker():
    text = "Cory James, 22, of Flint, Mich., said he had voted for the first time."
    q = _only(text, speaker="Cory James")
    assert q.speaker_mention == "Cory James"


def test_credit_line_and_name_colon():
    text = 'Reactions poured in.\n"A terrible night for the city." \u2015 Maria Lopez\n\nBush: "The mission is to win."'
    ex = extract(text)
    by_text = {q.text: q for q in ex.quotes}
    assert by_text['"A terrible night for the city."'].speaker == "Maria Lopez"
    assert by_text['"The mission is to win."'].speaker_mention == "Bush"


def test_unattributed_quote_takes_intro_subject():
    text = 'Governor Ann Cole had a blunt message for the board: "Fix the roads now."'
    q = [q for q in extract(text).quotes if q.kind == "direct"][0]
    assert q.speaker == "Ann Cole"


def test_pronoun_gender_shown_by_the_text():
    text = ('Alex Morgan arrived in Ohio on Monday. She met voters there.\n\n'
            'Jordan Lee spoke later. He left early.\n\n'
            '"We will win this state," she said.')
    q = [q for q in extract(text).quotes if q.kind == "direct"][0]
    assert q.speaker_mention == "she" and q.speaker == "Alex Morgan"
    sp = [s for s in extract(text).speakers if s.name == "Alex Morgan"][0]
    assert sp.gender == "f" and sp.kind == "person"


def test_outer_according_to_source_is_credited():
    # PolNeAR credits the outer source of "X said ..., according to Y"
    text = '"The bridge will open in May," the mayor said at a briefing, according to the Daily Ledger.'
    q = [q for q in extract(text).quotes if q.kind == "direct"][0]
    assert (q.reported_by_mention, q.speaker_mention) == ("the Daily Ledger", "the mayor")
    text = "According to the minutes, Tom Reed said that the budget had doubled."
    q = [q for q in extract(text).quotes if "budget" in q.text][0]
    assert (q.reported_by, q.speaker) == ("the minutes", "Tom Reed")
    # an "according to" inside the reported content or after a new clause does not count
    text = "Ann Cole said that according to her staff the plan was ready."
    q = [q for q in extract(text).quotes if "ready" in q.text][0]
    assert q.speaker == "Ann Cole"


def test_inverted_attribution_after_more_words_with_appositive():
    text = ('"The vote could change everything," since most cases were close, said Dana Price, '
            'who teaches law at a state college.')
    q = [q for q in extract(text).quotes if q.kind == "direct"][0]
    assert q.speaker == "Dana Price"
    text = ('The dinner, usually attended by hundreds of guests, "lets us meet our members," '
            'said Omar Fields, the club\'s events director.')
    q = [q for q in extract(text).quotes if "members" in q.text][0]
    assert q.speaker == "Omar Fields"


def test_sentence_subject_after_intro_phrases():
    for intro in ("Shortly after the vote, ", "Eight years ago, ", "On Sunday morning ", "Outside the hall, "):
        text = intro + 'Mayor Ann Cole thanked the crowd and said "the work starts now."'
        q = [q for q in extract(text).quotes if "work" in q.text][0]
        assert q.speaker == "Ann Cole", (intro, q.speaker_mention)


def test_participle_of_a_with_phrase_takes_its_noun_phrase():
    text = "Most members backed the plan, with 40 percent of them saying it was overdue."
    q = [q for q in extract(text).quotes if "overdue" in q.text][0]
    assert q.speaker_mention == "40 percent of them"


def test_cue_words_used_as_nouns_are_not_predicates():
    text = 'Ana Ruiz denounced Mr. Holt\'s remarks as "reckless and cruel" and warned of new protests.'
    ex = extract(text)
    q = [q for q in ex.quotes if "reckless" in q.text][0]
    assert q.speaker == "Ana Ruiz"
    text = ('With a week to go, Ana Ruiz, a senior aide to the governor, called Mr. Holt\'s remarks on '
            'Monday "a gift to our side" in a call with donors.')
    q = [q for q in extract(text).quotes if "gift" in q.text][0]
    assert q.speaker == "Ana Ruiz"


def test_role_of_org_appositive_name_is_the_subject():
    text = ("The director of the City Museum, Elena Varga, on Tuesday defended the rise, "
            "saying the museum faced higher costs.")
    q = [q for q in extract(text).quotes if "costs" in q.text][0]
    assert q.speaker == "Elena Varga" and q.speaker_mention == "Elena Varga"


def test_coordinated_speakers_are_one_mention():
    text = "Tensions rose this week, with the United States and Europe accusing Moscow of arming the rebels."
    q = _only(text)
    assert q.speaker_mention == "the United States and Europe" and q.speaker == "the United States and Europe"
    text = "Tom Reed and Ann Cole said the bridge was safe."
    q = _only(text)
    assert q.speaker_mention == "Tom Reed and Ann Cole"


def test_aliases_are_clean_surface_names():
    text = 'U.S. Secretary of State John Kerry said the talks would resume. "We are close," Kerry told reporters.'
    ex = extract(text)
    sp = [s for s in ex.speakers if s.name == "John Kerry"][0]
    assert "State John Kerry" not in sp.aliases
    assert all(q.speaker == "John Kerry" for q in ex.quotes)


def test_direct_attribution_after_harder_tails():
    text = 'Some disagreed.\n\n"They have nothing to fear," Sen. Ray Moss (D-N.Y.) said Tuesday. "Nothing."'
    assert extract(text).quotes[0].speaker == "Ray Moss"
    text = 'The clip went online.\n\n"What if we tried harder?" the 43-year-old asked in the description.'
    assert extract(text).quotes[0].speaker_mention == "the 43-year-old"
    text = ('Not everyone was happy.\n\n"We have had better weeks," delegate Bo Hart, wearing '
            '"Vote Lee" pins, said calmly.')
    assert extract(text).quotes[0].speaker == "Bo Hart"


def test_participle_after_a_name_in_footage_and_long_datelines():
    text = 'The spot ends with footage of Ann Cole saying, "We will fix this."'
    q = [q for q in extract(text).quotes if q.kind == "direct"][0]
    assert q.speaker == "Ann Cole"
    text = ("SAN DIEGO, Oct. 3 (Wire Service) \u2014 In a clip for her new show, Ann Cole sings to the mayor, "
            'saying that the city "deserves better" than its roads.')
    q = [q for q in extract(text).quotes if "deserves" in q.text][0]
    assert q.speaker == "Ann Cole"


def test_asked_by_names_the_asker():
    text = "Reed was asked by host Ann Cole whether his aim was to win the state."
    q = _only(text, rule="reported.asked_by")
    assert q.speaker == "Ann Cole" and q.text == "whether his aim was to win the state"


def test_coordinated_cue_after_a_reported_clause_keeps_the_first_speaker():
    text = "Tom Reed said that Cole is playing games and said that Lee is weak."
    qs = extract(text).quotes
    assert [q.speaker for q in qs] == ["Tom Reed", "Tom Reed"]
    text = "Tom Reed has said he will vote for Cole, but he has not endorsed her or conceded that she won."
    q = [q for q in extract(text).quotes if "won" in q.text][0]
    assert q.speaker_mention == "he"


def test_participle_takes_the_nearest_clause_subject():
    text = '"Is it two or three?" Ann Cole asked as Bo Hart walked in front of her, saying he had come to fix the wall.'
    q = [q for q in extract(text).quotes if "wall" in q.text][0]
    assert q.speaker == "Bo Hart"


def test_with_phrase_participles_before_direct_quotes():
    text = 'Cole and her backers tied Reed to the mayor, with one of her ads asking, "Is he independent enough?"'
    assert extract(text).quotes[0].speaker_mention == "one of her ads"
    text = 'Some fans booed the speaker, with Tom Reed reportedly yelling: "Get him out of here!"'
    assert extract(text).quotes[0].speaker == "Tom Reed"


def test_role_noun_with_prepositional_complement_is_one_speaker():
    q = _only("A spokesman for the mayor said the deal was close.")
    assert q.speaker_mention == "A spokesman for the mayor"
    q = _only("People familiar with the matter said the deal was close.")
    assert q.speaker_mention == "People familiar with the matter"


def test_subject_modified_by_relative_or_participle_clause():
    q = _only("Officials who met with Tom Reed said the deal was close.")
    assert q.speaker_mention == "Officials"
    q = _only("A city official who spoke on condition of anonymity said the deal was close.")
    assert q.speaker_mention == "A city official"
    q = _only("Another source speaking to the newspaper said the deal was close.")
    assert q.speaker_mention == "Another source"


def test_name_inside_a_prepositional_phrase_is_not_the_subject():
    for text in ("Tom Reed in an interview with Fox News said the deal was close.",
                 "Tom Reed in a call with Ann Cole said the deal was close."):
        assert _only(text).speaker == "Tom Reed"


def test_verb_missing_from_the_lexicon_still_tags_a_direct_quote():
    text = ("Maria Lopez spoke to the crowd for an hour. Tom Reed stood at the back.\n\n"
            "\u201cWe will keep the library open every night,\u201d she surmised. \u201cNobody can stop us.\u201d")
    q = [q for q in extract(text).quotes if "library" in q.text][0]
    assert q.speaker_mention == "she" and q.rule == "direct.said_after"
    q = [q for q in extract("\u201cThis is a great day for the town,\u201d Tom Reed beamed on Friday.").quotes][0]
    assert q.speaker == "Tom Reed"
    # a following object means it is not a bare tag
    ex = extract("\u201cThe bridge is closed,\u201d Tom Reed painted the fence.")
    assert all(q.speaker_mention != "Tom Reed" for q in ex.quotes)


def test_participle_skips_the_subject_of_an_embedded_clause():
    q = _only("Council member Dana Whitfield called the claim that Tom Reed had lied a smear, "
              "adding that the vote would go ahead.")
    assert q.speaker == "Dana Whitfield", (q.speaker, q.rule)
    q = _only("Mayor Ann Cole praised the workers for what they have built, saying the town owes them a debt.")
    assert q.speaker == "Ann Cole", (q.speaker, q.rule)


def test_cue_word_as_the_subject_noun_of_a_tag():
    text = ("Tom Reed opened the meeting.\n\n"
            "\u201cThe town is growing faster than we planned,\u201d the report said. \u201cRoads are full.\u201d")
    q = extract(text).quotes[0]
    assert q.speaker_mention == "the report" and q.rule == "direct.said_after"


def test_roundup_credit_after_a_dash_before_a_colon():
    text = ("Turnout models were off all along - Dana Whitfield: \u201cWe kept calling voters until the last night "
            "and it paid off.\u201d")
    q = extract(text).quotes[0]
    assert q.speaker_mention == "Dana Whitfield", (q.speaker_mention, q.rule)
    text = ("Small samples are risky - More from the report: \u201cPanels that are weighted carefully do better "
            "than raw samples.\u201d")
    assert extract(text).quotes[0].speaker_mention == "the report"


def test_partial_quote_after_a_coordinated_verb_takes_the_first_verbs_subject():
    text = ("The worry about the budget grew on Monday when Council member Dana Whitfield questioned the plan "
            "and criticized the \"reckless\" spending on the new stadium.")
    qs = [q for q in extract(text).quotes if "reckless" in q.text]
    assert qs and qs[0].speaker == "Dana Whitfield", [(q.text, q.speaker, q.rule) for q in extract(text).quotes]


def test_cue_word_after_a_singular_article_is_a_noun():
    ex = extract("The middle group paid 9 percent, the agency said in a June report, and the rest paid less.")
    assert [q.speaker_mention for q in ex.quotes] == ["the agency"], [(q.text, q.speaker_mention) for q in ex.quotes]
    assert _only("A few say the vote was rigged.").speaker_mention == "A few"


def test_direct_quote_participle_takes_the_nearest_clause_subject():
    text = ("Council member Dana Whitfield, a close ally of the mayor, defended the budget even as she "
            "criticized the delays, saying, \"We will finish the job.\"")
    q = [q for q in extract(text).quotes if "finish" in q.text][0]
    assert q.speaker_mention == "she" and q.speaker == "Dana Whitfield", (q.speaker_mention, q.speaker, q.rule)


def test_dateline_split_after_a_month_abbreviation():
    text = ("WASHINGTON, Dec. 8 (UPI) \u2014 In response to the storm, the mayor's chief of staff rallied "
            "volunteers, saying: \"We have to be ready.\"")
    q = extract(text).quotes[0]
    assert "chief" in q.speaker_mention, (q.speaker_mention, q.rule)


def test_possessive_speaker_of_a_speech_noun_with_a_that_clause():
    text = ("Tom Reed spoke for an hour. The new group ran radio ads using her comments at the hearing "
            "that \"the budget was never balanced\" to attack Dana Whitfield.")
    qs = [q for q in extract(text).quotes if "balanced" in q.text]
    assert qs and qs[0].speaker_mention == "her", [(q.text, q.speaker_mention, q.rule) for q in extract(text).quotes]
    # a named possessor is the object of the predicate: the subject keeps the quote
    q = [q for q in extract("Mayor Ann Cole denounced Tom Reed's remarks as \"hurtful and false.\"").quotes][0]
    assert q.speaker == "Ann Cole"


def test_addressee_of_an_earlier_told_is_not_the_speaker():
    text = ("Tom Reed did not name any of his rivals, but told his supporters, "
            "\"our town is in deep trouble and we have to act now.\"")
    q = [q for q in extract(text).quotes if "trouble" in q.text][0]
    assert q.speaker == "Tom Reed", (q.speaker_mention, q.rule)


def test_unknown_tag_verb_after_a_lowercase_noun_phrase():
    text = ("Ann Cole opened the hearing.\n\n"
            "\u201cThe town is growing faster than we planned,\u201d the visiting mayor riffed on the question. "
            "\u201cRoads are full.\u201d")
    q = extract(text).quotes[0]
    assert q.speaker_mention == "the visiting mayor" and q.rule == "direct.said_after"
    ex = extract("\u201cThe bridge is closed,\u201d Tom Reed painted the walls.")
    assert all(q.speaker_mention != "Tom Reed" for q in ex.quotes)


def test_sentence_initial_adverb_or_participle_is_not_the_subject():
    ex = extract("Led by Mayor Ann Cole, the rally denounced the plan for \"a total shutdown of the park.\"")
    assert ex.quotes[0].speaker_mention == "the rally", ex.quotes[0].rule
    ex = extract("Tom Reed spoke. Maybe he figures that winning a second term was an \"adequate reward\" "
                 "for his work.")
    assert ex.quotes[0].speaker_mention == "he" and ex.quotes[0].speaker == "Tom Reed"


def test_outer_tag_at_the_sentence_end_credits_the_outer_source():
    ex = extract("A witness told the panel that the agency chief ordered staff not to disclose the hack, "
                 "the report said.")
    q = ex.quotes[0]
    assert q.reported_by_mention == "the report" and q.rule.endswith("+outer_tag"), (q.reported_by_mention, q.rule)
    assert q.speaker_mention == "A witness"   # whose words the report gives
    # a named inner speaker and an outer pronoun are one person: the name stays
    q = extract("Ann Cole said that the budget is balanced and the roads are fine, she said on Monday.").quotes[0]
    assert q.speaker_mention == "Ann Cole" and q.reported_by is None


@pytest.mark.parametrize("text, person, mention, source", [
    ("Ann Cole said the vote was delayed, the Gazette reported.", "Ann Cole", "Ann Cole", "the Gazette"),
    ('Tom Reed arrived late. "We will rebuild the pier," he said, according to the Gazette.',
     "Tom Reed", "he", "the Gazette"),
    ('"The talks are over," the minister told reporters, according to Reuters.', "the minister", "the minister",
     "Reuters"),
])
def test_a_quote_reported_through_an_outer_source_keeps_the_person_and_the_source(text, person, mention,
                                                                                   source):
    q = [q for q in extract(text).quotes if q.reported_by][0]
    assert (q.speaker, q.speaker_mention, q.reported_by_mention) == (person, mention, source)
    # the evaluation format credits the outer source, as PolNeAR's gold does
    rec = to_prediction("a", Extraction([q], []))["quotes"][0]
    assert (rec["speaker_mention"], rec["inner_speaker_mention"]) == (source, mention)
    assert text[rec["speaker_start"]:rec["speaker_end"]] == source
    assert text[rec["inner_speaker_start"]:rec["inner_speaker_end"]] == mention


@pytest.mark.parametrize("text, source", [
    # the inner subject is no speaker: the outer tag is the whole attribution
    ("Tom Reed spoke at length. Social media has added another link to the chain, he noted.", "he"),
    ("Ann Cole wrote the memo. The vote thus confirmed a plan made months earlier, the memo continued.",
     "the memo"),
])
def test_an_outer_source_stays_the_speaker_when_the_inner_subject_is_no_person(text, source):
    qs = [q for q in extract(text).quotes if q.rule.endswith(("+outer_tag", "+according_to"))]
    assert qs and all(q.reported_by is None and q.speaker_mention == source for q in qs), \
        [(q.speaker_mention, q.reported_by_mention, q.rule) for q in qs]


def test_partial_quote_in_a_clause_embedded_by_a_cue_takes_the_cues_subject():
    q = extract("Tom Reed spoke for an hour. He implied a federal judge was biased and \"hostile\" to the "
                "town.").quotes[0]
    assert q.speaker_mention == "He" and q.speaker == "Tom Reed", (q.speaker_mention, q.rule)
    q = extract("Ann Cole is questioning whether Tom Reed would have attended the meeting \"if it were held "
                "at night.\"").quotes[0]
    assert q.speaker == "Ann Cole", (q.speaker_mention, q.rule)


def test_unattributed_quote_takes_a_loose_tag_in_its_sentence():
    for text, who in [("Tom Reed spoke.\n\n\"This is fantastic!\" beamed Ann Cole of Madison.", "Ann Cole"),
                      ("Tom Reed spoke.\n\n\"If she picks the judges, nothing you can do,\" Ann Cole said "
                       "before adding: \"Maybe there is.\"", "Ann Cole"),
                      ("Tom Reed spoke.\n\n\"Not us but we cannot argue with it!\" Ann Cole, the head of "
                       "the group, Tweeted on Friday.", "Ann Cole")]:
        q = extract(text).quotes[0]
        assert q.rule == "direct.loose_after" and q.speaker_mention.startswith(who), (q.speaker_mention, q.rule)
    # a quote closed by a period ends its sentence: the next sentence is not its tag
    q = extract("Tom Reed spoke.\n\n\"The vote is over.\" She further announced that the count was "
                "close.").quotes[0]
    assert q.rule != "direct.loose_after"


def test_unattributed_quote_after_a_sentence_closing_with_a_tag_takes_the_tag():
    text = ("Ann Cole spoke.\n\n\"He was going to make the name known,\" as his father dreamed, Tom Reed said. "
            "\"We were going to live in one of the apartments.\"")
    q = [q for q in extract(text).quotes if "apartments" in q.text][0]
    assert q.rule == "direct.tag_before" and q.speaker == "Tom Reed", (q.speaker_mention, q.rule)


def test_quote_ending_its_sentence_between_two_tags_takes_the_tag_before():
    text = ("Tom Reed told reporters, \"We won the vote tonight.\" Ann Cole then said, \"The count is not over.\"")
    qs = extract(text).quotes
    assert qs[0].speaker == "Tom Reed" and qs[0].rule == "direct.said_before", [(q.speaker, q.rule) for q in qs]
    assert qs[1].speaker == "Ann Cole"


def test_cue_in_a_sentence_initial_subordinate_clause_reports_up_to_its_comma():
    qs = extract("While only 7 percent said they are undecided, 27 percent of the others said they could "
                 "change their minds.").quotes
    assert [(q.text, q.speaker_mention) for q in qs] == [
        ("they are undecided", "7 percent"), ("they could change their minds", "27 percent of the others")]
    # 'As X noted, ...' is an attribution of the main clause, not a subordinate clause
    q = extract("As the newspaper noted, the council never voted on the plan.").quotes[0]
    assert "council never voted" in q.text and q.speaker_mention == "the newspaper"


def test_progressive_participle_takes_its_own_group_subject():
    q = extract("The results are not in, but the Reed campaign is already claiming victory in the county "
                "race.").quotes[0]
    assert q.speaker_mention == "the Reed campaign", (q.speaker_mention, q.rule)


def test_coordinated_cue_after_a_nonrestrictive_who_clause_takes_the_relative():
    qs = extract("\"This is my friend,\" Tom Reed told Ann Cole, who answered her door on Sunday and said she "
                 "planned to vote for the mayor.").quotes
    q = [q for q in qs if "planned" in q.text][0]
    assert q.speaker_mention == "who" and q.speaker == "Ann Cole", (q.speaker_mention, q.rule)


def test_relative_cue_of_a_published_item_credits_its_publisher():
    q = extract("Mayor Ann Cole is releasing a new radio ad that urges voters in the county to \"send a "
                "message\" to the banks.").quotes[0]
    assert q.speaker == "Ann Cole" and q.rule == "reported.relative", (q.speaker_mention, q.rule)


def test_intro_clause_whose_subject_is_a_bare_determiner_is_not_an_attribution():
    text = ("Ann Cole spoke for the council on Monday.\n\nThe scheduling was so odd that a spokesman for the "
            "mayor could only quip: \"I guess the holiday was booked.\"")
    q = extract(text).quotes[0]
    assert q.speaker_mention != "The" and q.rule == "direct.context_speaker", (q.speaker_mention, q.rule)


def test_expletive_its_is_never_a_speaker():
    text = ("Tom Reed drove the bus across the county. It\u2019s become such a presence that Ann Cole on Sunday "
            "thanked its driver \u201cfor the support in my campaign\u201d and more.")
    q = extract(text).quotes[0]
    assert q.speaker_mention != "It\u2019s", (q.speaker_mention, q.rule)


def test_partial_quote_after_a_participle_takes_the_nearest_clause_group_subject():
    text = ("Tom Reed spoke first. The speech went on when local protesters interrupted the mayor, shouting "
            "\u201cshe wins, we lose!\u201d at the stage.")
    q = extract(text).quotes[0]
    assert q.speaker_mention == "local protesters", (q.speaker_mention, q.rule)


def test_marks_holding_a_name_after_called_or_billed_as_have_no_speaker():
    q = extract("Tom Reed spoke at an event billed as \u201cHard Hats for the Town,\u201d and unveiled a plan.").quotes[0]
    assert q.rule == "mixed.naming" and q.speaker is None and q.speaker_mention is None
    q = extract("Tom Reed called the plan \u201ca disaster for the town\u201d on Monday.").quotes[0]
    assert q.speaker == "Tom Reed"


def test_direct_quote_introduced_by_a_published_item_credits_its_publisher():
    q = extract("In selling the plan, Tom Reed released a campaign video that said, \"We are going to have the "
                "best roads in the county.\"").quotes[0]
    assert q.speaker == "Tom Reed" and q.rule == "direct.said_before", (q.speaker_mention, q.rule)


def test_participle_skips_the_object_subject_of_an_infinitive_clause():
    q = extract("The mayor left no doubt of her commitment to helping Tom Reed succeed her, saying that the "
                "town needs a steady hand.").quotes[0]
    assert q.speaker_mention == "The mayor", (q.speaker_mention, q.rule)


def test_share_of_respondents_speaks_for_the_poll_in_its_sentence():
    q = extract("In a September county poll, 75 percent of Republicans said the mayor cannot be trusted.").quotes[0]
    assert q.speaker_mention == "a September county poll", (q.speaker_mention, q.rule)
    q = extract("Some 40 percent of voters said the mayor cannot be trusted.").quotes[0]
    assert q.speaker_mention == "Some 40 percent of voters"


def test_according_to_a_document_by_an_author_credits_the_author():
    q = extract("Turnout rose in most states this year, according to an analysis by the County Research "
                "Center.").quotes[0]
    assert q.speaker_mention == "the County Research Center", (q.speaker_mention, q.rule)


def test_a_possessor_is_not_the_context_speaker_of_the_next_quote():
    text = ("Ann Cole spoke at the hall on Monday. Still, Tom Reed\u2019s reversals on taxes do not change the "
            "facts.\n\n\"We will win this race.\"")
    q = extract(text).quotes[0]
    assert q.rule == "direct.context_speaker" and q.speaker == "Ann Cole", (q.speaker_mention, q.rule)


def test_a_capitalised_common_word_is_not_the_context_speaker():
    text = ("Ann Cole spoke at the hall on Monday about the voices of the town. Voices like hers proved "
            "decisive in the last race.\n\n\"We will win this race.\"")
    q = extract(text).quotes[0]
    assert q.speaker == "Ann Cole", (q.speaker_mention, q.rule)


@pytest.mark.parametrize("text, speaker", [
    ("Having announced that she would not run again, Ann Cole proceeded to endorse her deputy.", "Ann Cole"),
    ("The mayor has ignored her advisers, committing repeated errors after telling them she would "
     "change course.", "The mayor"),
    ("Oddly, after the council asked Tom Reed to resign, Ann Cole said that he should stay.", "the council"),
    ("In responding Friday, Ann Cole's campaign took the unusual step of criticizing the council, accusing "
     "its members of \"bad faith.\"", "Ann Cole's"),
    ("Shortly after the vote ended, Ann Cole's campaign sent out a release saying the council owes voters "
     "an apology.", "Ann Cole's"),
    ("Schlafly then discussed the budget and explained that it was sound.", "Schlafly"),
])
def test_a_sentence_adverb_participle_or_time_word_is_not_the_subject(text, speaker):
    q = extract(text).quotes[0]
    assert q.speaker_mention == speaker, (q.speaker_mention, q.rule)


def test_a_question_between_two_tags_takes_the_tag_before():
    text = 'Ann Cole answered Tom Reed with, "Why now? Why here?" Tom Reed then wrote back, "Because it matters."'
    assert [q.speaker_mention for q in extract(text).quotes] == ["Ann Cole", "Tom Reed"]


def test_partial_quote_in_a_that_clause_without_a_speech_verb_credits_the_sentence_subject():
    text = ('A lawsuit filed last year challenged the county, alleging that deputies used the faith of residents '
            'as a "proxy for guilt."')
    q = extract(text).quotes[0]
    assert q.rule == "mixed.partial_quote" and q.speaker_mention == "A lawsuit", (q.speaker_mention, q.rule)


def test_sentence_subject_runs_over_lowercase_role_words_to_the_name():
    text = ('Former Green presidential candidate Ann Cole broke down what was wrong with the plan to the paper: '
            '"It is a mess."')
    q = extract(text).quotes[0]
    assert q.speaker == "Ann Cole" and q.speaker_mention.endswith("Ann Cole"), (q.speaker_mention, q.rule)


def test_say_after_a_control_verb_credits_that_verbs_subject():
    text = 'But the debate was so dull that Tom Reed was prompted to say, "So far, this is boring."'
    q = extract(text).quotes[0]
    assert q.speaker_mention == "Tom Reed" and q.rule == "direct.said_before", (q.speaker_mention, q.rule)


@pytest.mark.parametrize("text, mention", [
    ("Asked if she believed the council had lied, Ann Cole said she would not guess.", None),
    ("Asked by reporters whether he thought the plan would pass, Tom Reed said it was too early.", "reporters"),
])
def test_a_belief_asked_about_is_nobody_s_claim_or_the_asker_s(text, mention):
    q = extract(text).quotes[0]
    assert q.rule == "reported.asked_question" and q.speaker_mention == mention, (q.speaker_mention, q.rule)
    assert extract(text).quotes[1].speaker_mention in ("Ann Cole", "Tom Reed")


@pytest.mark.parametrize("text", [
    'Owls are considered the "night guards" of the forest.',
    'Ann Cole, who chairs the board, was said to be "furious" with the mayor.',
])
def test_scare_quotes_after_a_bare_passive_are_no_quote(text):
    # nobody is named as saying the words: scare quotes without a speaker are no quote (issue 12)
    quotes = extract(text).quotes
    assert quotes == [], [(q.rule, q.speaker_mention, q.text) for q in quotes]


@pytest.mark.parametrize("text", [
    'The disruptions turned the event into a "circus" for the town.',
    'The meanest he ever got was to label a story "USED NEWS" in print.',
    'His willingness to fight made him "a hero" to the crowd.',
    'The performance prompted cheers, highlighting the anger that fans feel about their "rigged" system.',
])
def test_a_partial_quote_whose_subject_is_an_abstraction_or_a_time_is_no_quote(text):
    # a speaker is a person, a group, an organisation or a document (issue 12): 'the disruptions',
    # 'the meanest', 'his willingness' say nothing, so the marks are scare quotes
    quotes = [q for q in extract(text).quotes if q.rule.startswith("mixed.partial_quote")]
    assert quotes == [], [(q.rule, q.speaker_mention, q.text) for q in quotes]


@pytest.mark.parametrize("text, mention", [
    ('The opposition called the plan a "disaster" for the region.', "The opposition"),
    ('A study last year called the scheme "a costly failure" for taxpayers.', "A study"),
    ('The community described the mayor as "a fighter" for the town.', "The community"),
])
def test_a_partial_quote_whose_subject_is_a_collective_or_a_document_keeps_it(text, mention):
    q = _only(text, rule="mixed.partial_quote")
    assert q.speaker_mention == mention, (q.speaker_mention, q.rule)


def test_a_longer_partial_quote_after_a_bare_passive_stays_without_a_speaker():
    q = extract('Owls are considered the "quiet night guards of the old forest."').quotes[0]
    assert q.rule == "mixed.partial_quote" and q.speaker_mention is None, (q.speaker_mention, q.rule)


@pytest.mark.parametrize("text, speaker", [
    ('"We will win the race," Ann Cole is quoted as saying. "Nobody doubts it."', "Ann Cole"),
    ('"Where is the money?" a reporter can be heard asking the mayor after the event.', "a reporter"),
])
def test_quoted_as_saying_and_heard_asking_credit_the_passive_subject(text, speaker):
    q = extract(text).quotes[0]
    assert q.speaker_mention == speaker and q.rule == "direct.said_after", (q.speaker_mention, q.rule)


def test_appositive_name_after_lowercase_role_words():
    text = ('But the other candidate on the stage, former county judge Ann Cole, drew a contrast, saying that '
            'the plan would fail.')
    q = extract(text).quotes[0]
    assert q.speaker == "Ann Cole" and q.speaker_mention.endswith("Ann Cole"), (q.speaker_mention, q.rule)


def test_a_time_phrase_is_not_the_subject_of_a_participle_tag_before_a_quote():
    text = ('Ann Cole, who said last week that the judge was biased, issued a statement Tuesday saying, '
            '"I respect the court."')
    q = extract(text).quotes[-1]
    assert q.rule == "direct.said_before" and q.speaker_mention == "Ann Cole", (q.speaker_mention, q.rule)


def test_an_indefinite_noun_before_a_cue_word_is_not_the_earlier_speaker():
    text = 'Although she thanked the crowd, Ann Cole sounded a rare note of doubt, saying, "I am not sure we can win."'
    q = extract(text).quotes[0]
    assert q.speaker_mention == "Ann Cole", (q.speaker_mention, q.rule)


def test_an_editorial_a_campaign_plans_to_reprint_speaks_for_the_campaign():
    text = ("The mayor's campaign is planning to reprint a harsh newspaper editorial that accuses Tom Reed of "
            '"running a fiction-filled race."')
    q = extract(text).quotes[0]
    assert q.speaker_mention == "The mayor's campaign", (q.speaker_mention, q.rule)


def test_coordinated_cue_skips_a_participle_s_object_of_a_preposition():
    text = ('At the meeting, some members complained about Tom Reed vowing to stay on and said that they had '
            'lost patience.')
    q = [q for q in extract(text).quotes if q.rule == "reported.coordinated"][0]
    assert q.speaker_mention == "some members", (q.speaker_mention, q.rule)


def test_participle_skips_the_subject_of_an_after_clause():
    text = ('The union had sued after Utah eliminated what had been called the "Golden Week," saying that the '
            'change burdened workers.')
    q = extract(text).quotes[0]
    assert q.rule == "reported.participle" and q.speaker_mention == "The union", (q.speaker_mention, q.rule)



@pytest.mark.parametrize("text, want", [
    # a new subject with any strong speech verb ends the reported clause
    ('The mayor stressed that the budget was not final, and union leaders warned that the cuts would close three '
     'libraries.', [("The mayor", "that the budget was not final"),
                    ("union leaders", "that the cuts would close three libraries")]),
    # a dotted abbreviation Punkt does not know does not end the sentence
    ('Ann Cole said that the city would leave the E.U. by the end of March and suggested that it would build a new '
     'port.', [("Ann Cole", "that the city would leave the E.U. by the end of March"),
               ("Ann Cole", "that it would build a new port")]),
    # nor does a closing parenthesis after one ('(D-Mo.) said')
    ("Sen. Ann Cole (D-Mo.) said the law does not require it, and Tom Reed warned that the court would decide.",
     [("Sen. Ann Cole", "the law does not require it"), ("Tom Reed", "that the court would decide")]),
])
def test_two_reported_clauses_in_one_sentence(text, want):
    got = [(q.speaker_mention, q.text) for q in extract(text).quotes]
    assert got == want, got


def test_a_cue_form_after_a_hyphenated_modifier_is_a_noun():
    text = ('Ann Cole is defending her late-night tweets about the mayor, saying they show she works hard.')
    got = [(q.speaker_mention, q.cue, q.text) for q in extract(text).quotes]
    assert got == [("Ann Cole", "saying", "they show she works hard")], got


@pytest.mark.parametrize("text", ["Ann Cole was once asked how the strike would end.",
                                  "Ann Cole was later asked whether she would run again."])
def test_a_passive_ask_with_an_adverb_has_no_speaker(text):
    q = _only(text, rule="reported.asked_passive")
    assert q.speaker is None and q.speaker_mention is None, (q.speaker, q.speaker_mention)


def test_a_plural_cue_form_after_of_and_a_modifier_is_a_noun():
    text = 'The board rated most of Republican claims as “misleading” last year.'
    q = _only(text, rule="mixed.partial_quote")
    assert q.speaker_mention == "The board", (q.speaker_mention, q.cue)


@pytest.mark.parametrize("text, speaker", [
    ("Two hours after his initial tweet, Ann Cole tweeted a second photo of the site.", "Ann Cole"),
    ("On a more conciliatory note, Ann Cole has said the deal deserves support.", "Ann Cole"),
])
def test_a_base_cue_form_after_a_determiner_and_a_modifier_is_a_noun(text, speaker):
    got = [(q.speaker_mention, q.cue) for q in extract(text).quotes]
    assert got and all(m == speaker for m, _ in got), got


@pytest.mark.parametrize("text, speaker, role", [
    ("“I know the state,” said Patricia Moran of Cheyenne.", "Patricia Moran", "of Cheyenne"),
    ("Sen. Tom Harkin of Iowa said he would vote no.", "Tom Harkin", "Sen. of Iowa"),
    ("“No,” said the mayor of Cheyenne.", "the mayor of Cheyenne", None),
    ("“No,” said the Department of Homeland Security.", "the Department of Homeland Security", None),
    ("“No,” said Secretary of State John Kerry.", "John Kerry", "Secretary of State"),
    ("Supporters of Ann Cole said the talks would resume.", "Supporters of Ann Cole", None),
    ("A spokesman for the State Department said the talks would resume.", "A spokesman for the State Department",
     None),
    ("The director of the FBI said that the case was closed.", "The director of the FBI", None),
])
def test_the_place_after_of_is_not_the_speaker_s_name(text, speaker, role):
    q = extract(text).quotes[0]
    assert (q.speaker, q.speaker_role) == (speaker, role), (q.speaker_mention, q.speaker, q.speaker_role)


def test_a_participle_after_an_aspect_verb_has_that_verb_s_subject():
    text = 'In January, when Tom Reed testified on the budget, and Ann Cole kept asking him why the city had closed it.'
    q = [q for q in extract(text).quotes if q.cue == "asking"][0]
    assert q.speaker_mention == "Ann Cole", (q.speaker_mention, q.rule)


@pytest.mark.parametrize("text", [
    "Tom Reed moved to close it, while Ann Cole proposed a ban and said the mayor should resign.",
    "Tom Reed moved to close it, while Ann Cole, the former mayor, proposed a ban and said the council should go.",
])
def test_proposed_after_a_name_is_the_verb_a_coordinated_cue_joins(text):
    q = [q for q in extract(text).quotes if q.cue == "said"][0]
    assert q.speaker_mention == "Ann Cole", (q.speaker_mention, q.rule)


@pytest.mark.parametrize("text", [
    'Ann Cole - who previously said she would "close the mill" - said at a rally that the city should act.',
    "Ann Cole -- who has been in a scuffle with the mayor over the past few days -- said the city should act.",
    "Ann Cole \u2014 a teacher from Mount Pleasant \u2014 says the city should act.",
])
def test_a_cue_after_a_parenthetical_in_dashes_has_the_subject_before_the_dashes(text):
    main = [q for q in extract(text).quotes if q.text.endswith("the city should act")]
    assert [q.speaker_mention for q in main] == ["Ann Cole"], [(q.speaker_mention, q.text) for q in extract(text).quotes]
    for q in extract(text).quotes:
        if q.rule == "reported.relative":
            assert "\u2014" not in q.text and " - " not in q.text and "--" not in q.text, q.text


@pytest.mark.parametrize("text, mention, speaker", [
    ('Ann Cole, who has served for two decades, rallied young people with her calls to end the "rigged economy" '
     'in the state.', "her", "Ann Cole"),
    ("Tom Reed spoke first, and the board seized on Ann Cole\u2019s claim that there have been \u201cthousands of "
     "shootings\u201d in the city.", "Ann Cole\u2019s", "Ann Cole"),
    ("Ann Cole opened the session. Her standing improved after the vote, and her call for \"a total and complete "
     "audit\" of the city.", "her", "Ann Cole"),
])
def test_the_possessor_of_a_speech_noun_says_the_partial_quote_it_introduces(text, mention, speaker):
    q = [q for q in extract(text).quotes if q.rule == "mixed.partial_quote"][0]
    assert (q.speaker_mention, q.speaker) == (mention, speaker), (q.speaker_mention, q.speaker, q.text)


def test_a_partial_quote_after_an_aspect_verb_has_that_verb_s_subject():
    text = ('Ann Cole is winning applause as she keeps talking about the "collective power of the union" and the '
            'new contract.')
    q = _only(text, rule="mixed.partial_quote")
    assert q.speaker_mention == "she" and q.speaker == "Ann Cole", (q.speaker_mention, q.speaker)


def test_a_name_inside_a_direct_quote_is_not_who_the_next_pronoun_is():
    text = ('Ann Cole spoke for an hour at the union hall on Monday. The crowd was small.\n\n'
            '"I have known Alex Morgan for twenty years," she said. "Morgan never once asked for a favor."')
    q = extract(text).quotes[0]
    assert q.speaker_mention == "she" and q.speaker == "Ann Cole", (q.speaker_mention, q.speaker)


@pytest.mark.parametrize("text", [
    "Ann Cole apologized for her most divisive remarks about the union at the rally.",
    "Tom Reed faces no criminal charges over the crash on the highway last year.",
    "But Ann Cole\u2019s most explosive claim is that the board hid the report from the mayor.",
])
def test_a_cue_form_after_a_determiner_and_an_adjective_is_a_noun(text):
    got = [(q.speaker_mention, q.cue) for q in extract(text).quotes]
    assert all(m in (None, "Ann Cole\u2019s") for m, _ in got), got


def test_the_object_of_an_earlier_write_is_not_the_subject_of_a_participle():
    text = ('Ann Cole earlier quashed rumors she was planning to write a book by tweeting that "I am under a strict '
            'agreement with the city."')
    q = [q for q in extract(text).quotes if q.cue == "tweeting"][0]
    assert q.speaker == "Ann Cole", (q.speaker_mention, q.speaker)


def test_is_asking_is_an_active_ask_with_a_speaker():
    q = _only("Eleven progressive groups are asking Ann Cole to repudiate the support of a retired general.")
    assert q.speaker_mention == "Eleven progressive groups" and q.rule != "reported.asked_passive", (q.speaker_mention, q.rule)


@pytest.mark.parametrize("text, mention", [
    ('"Will she run again?" a union staffer in the room wondered.', "a union staffer"),
    ('"It is over," the director of the FBI said.', "the director of the FBI"),
    ('"It is over," a spokesman for the State Department said.', "a spokesman for the State Department"),
])
def test_a_tag_after_a_quote_keeps_the_head_before_a_preposition(text, mention):
    q = _only(text, rule="direct.said_after")
    assert q.speaker_mention.startswith(mention), q.speaker_mention


@pytest.mark.parametrize("text", ["Ann Cole cannot say that the case is closed.",
                                  "Ann Cole mustn\u2019t say that the case is closed."])
def test_cannot_and_negated_modals_are_auxiliaries_not_part_of_the_name(text):
    q = _only(text)
    assert q.speaker_mention == "Ann Cole" and q.speaker == "Ann Cole", (q.speaker_mention, q.speaker)


@pytest.mark.parametrize("text, speaker", [
    ("North Korea said the test was a success.", "North Korea"),
    ("The United States warned that the test was reckless.", "The United States"),
    ("The DNC met on Monday. \u201cWe would be fools not to prepare,\u201d he said.", None),
    ("Tom Reed spoke next. He\u2019s claiming that the count was \u201ca big, big problem\u201d for the city.",
     "Tom Reed"),
])
def test_places_acronyms_and_contracted_pronouns_are_not_person_names(text, speaker):
    q = extract(text).quotes[-1]
    assert q.speaker == speaker, (q.speaker_mention, q.speaker)


def test_a_continuation_takes_the_tag_speaker_not_a_subject_inside_the_quote():
    text = ('Ann Cole runs the caucus in the city.\n\n'
            '\u201cNobody writes songs for Alex Morgan. Alex Morgan has nobody like that,\u201d Ann Cole said.\n\n'
            '\u201cRight now, the vote is against the mayor. I still think we are going to win.\u201d')
    q = extract(text).quotes[-1]
    assert q.speaker == "Ann Cole", (q.rule, q.speaker_mention, q.speaker)


@pytest.mark.parametrize("name", ["Jose\u0301 Ruiz", "Fran\u00c3\u00a7ois Hollande", "Fran\u0041\u0303\u0083\u0041\u0302\u00a7ois Hollande"])
def test_a_name_with_decomposed_accents_or_mis_decoded_bytes_stays_one_name(name):
    text = f'"Europe must be able to defend itself," French President {name} said Friday as he entered the talks.'
    q = _only(text, rule="direct.said_after")
    assert q.speaker_mention == f"French President {name}" and q.speaker == name, (q.speaker_mention, q.speaker)


@pytest.mark.parametrize("text", ["The tentative deal, announced Friday, would last four years and raise wages.",
                                  '"We will win," the crowd at the hall was told, said Friday.'])
def test_a_day_after_an_inverted_cue_is_not_a_speaker(text):
    assert all(q.speaker != "Friday" for q in extract(text).quotes), [(q.rule, q.speaker) for q in extract(text).quotes]


@pytest.mark.parametrize("text, mention", [
    ('Outside the arena in the city center, about 200 protesters gathered, holding signs and chanting "No more '
     'cuts."', "about 200 protesters"),
    ("In the last debate, on the local station, candidates were able to dodge questions by saying it was the "
     "moderator who had been wrong.", "candidates"),
])
def test_the_subject_after_an_introductory_phrase_can_start_lowercase(text, mention):
    q = extract(text).quotes[-1]
    assert q.speaker_mention == mention, (q.rule, q.speaker_mention)


def test_a_coordinated_cue_before_a_quote_takes_the_subject_of_the_first_verb():
    text = ('Asked about the mayor, Tom Reed paused, and Ann Cole thought for a moment and said that in the current '
            'climate, "being an everyday person would have appeal."')
    q = [q for q in extract(text).quotes if q.rule == "direct.said_before"][0]
    assert q.speaker_mention == "Ann Cole", q.speaker_mention


@pytest.mark.parametrize("text, mention", [
    ('At the rally, Ann Cole hoisted a sign that read "Jobs first!" above the crowd.', "Ann Cole"),
    ('Ann Cole released a new video that calls the plan "a betrayal of workers" across the state.', "Ann Cole"),
])
def test_the_one_who_holds_or_publishes_an_item_says_its_partial_quote(text, mention):
    q = extract(text).quotes[0]
    assert q.speaker_mention == mention, (q.rule, q.speaker_mention)


@pytest.mark.parametrize("text, mention", [
    ('As mayor, she signed a decree that created the "Clean Harbour" fund for the old docks.', "she"),
    ('In a short speech, Ann Cole called the flood that hit the valley "a test of our nerve" on Monday.', "Ann Cole"),
    ('Tom Reed argued the new bridge, which is backed by the council, "would not last ten winters."', "Tom Reed"),
])
def test_a_partial_quote_in_a_relative_clause_on_an_object_is_said_by_the_subject_of_its_verb(text, mention):
    q = [q for q in extract(text).quotes if q.rule == "mixed.partial_quote"][0]
    assert q.speaker_mention == mention, q.speaker_mention


@pytest.mark.parametrize("text", [
    "On Twitter, former Florida Gov. Ann Cole called the plan a disaster and said it would fail.",
    "LA CROSSE, Wisc. \u2014 Gov. Ann Cole on Thursday blamed the media, saying they were nitpicking.",
])
def test_a_title_punkt_does_not_know_does_not_end_the_sentence(text):
    from workbench.extract.sentences import paragraphs, sentences
    assert len(sentences(text, paragraphs(text)[0])) == 1
    assert any(q.speaker == "Ann Cole" for q in extract(text).quotes), [(q.rule, q.speaker) for q in extract(text).quotes]


@pytest.mark.parametrize("text, n", [
    ("It has closed, Mr. Hedge said on Monday. Florida is good.", 2),
    ("Vote for the next president, Donald J. Trump! the crowd heard.", 2),
    ("Senator Ann Cole, the No. 2 Republican, said the vote would wait.", 1),
])
def test_a_title_or_an_initial_does_not_end_a_sentence(text, n):
    from workbench.extract.sentences import sentences
    assert len(sentences(text, (0, len(text)))) == n, [text[a:b] for a, b in sentences(text, (0, len(text)))]


@pytest.mark.parametrize("text, span", [
    ('Another critic, Ann Cole, likened the rules to "burning the Constitution" - a charge that might have stung, '
     'since Mr. Tribe was a mentor to Mr. Reed.', 'the rules to "burning the Constitution"'),
    ('Moreover, the party has called a referendum \u2014 \u201cNo to Free Lawyers\u201d \u2014 for June 5 against '
     'the proposals.', None),
])
def test_a_partial_quote_ends_at_a_dash_after_its_marks(text, span):
    q = [q for q in extract(text).quotes if q.rule == "mixed.partial_quote"][0]
    if span is None:
        assert q.text.endswith("against the proposals"), q.text   # the quote sits inside the dashes
    else:
        assert q.text == span, q.text


@pytest.mark.parametrize("text, mention", [
    ("Ann Cole\u2019s office, when contacted by Reuters, said the mayor could not recall the dinner.",
     "Ann Cole\u2019s office"),
    ("Supporters of the plan, on the other hand, argued that the ruling will help the city.",
     "Supporters of the plan"),
    ("Some decisions are hard to prove, while others are not meaningful, said Tom Reed, a former official.",
     "Tom Reed"),
])
def test_a_short_aside_between_the_subject_and_the_cue_is_skipped(text, mention):
    q = extract(text).quotes[0]
    assert q.speaker_mention.startswith(mention), (q.rule, q.speaker_mention)


def test_a_number_with_a_thousands_comma_is_one_token():
    q = _only('"Europe must defend itself," the 3,000 people at the hall were told.', rule="direct.said_after")
    assert q.speaker_mention == "the 3,000 people at the hall", q.speaker_mention


@pytest.mark.parametrize("text, speaker", [
    ('"She has shown poor judgment and is not fit to serve as mayor of the City of Harbourton," Tom Reed tells '
     'the Gazette, responding to the news that the council deemed six of her letters "confidential" and that they '
     'will stay sealed.', "Tom Reed"),
    ('The Cole campaign on Monday doubled down on its attacks on the mayor, saying she\'s experienced "on paper" '
     'but suggesting that might not be enough.', "The Cole campaign"),
])
def test_a_subject_found_inside_someone_elses_quoted_words_speaks_no_quote(text, speaker):
    quotes = extract(text).quotes
    assert [q.speaker_mention for q in quotes] == [speaker], [(q.rule, q.speaker_mention, q.text) for q in quotes]


def test_a_partial_quote_after_a_perception_passive_credits_the_perceived_subject():
    # 'heard grousing': the participle belongs to those heard, not to the subject of an opening 'As ...,' clause
    text = ('As they crossed the lobby, several delegates could be heard grumbling that the "counterfeit" banners '
            'outnumbered the real ones.')
    q = _only(text, rule="mixed.partial_quote")
    assert q.speaker_mention == "several delegates", q.speaker_mention


def test_a_participle_right_after_partial_quote_marks_is_no_tag_naming_its_addressee():
    # 'telling reporters': the addressee of the participle did not say the quoted word; the subject did
    text = ('Mayor Ann Cole has praised the harbour vote as "splendid," telling reporters at the pier on Monday '
            'that she expects the ferries to return.')
    qs = [q for q in extract(text).quotes if q.rule.startswith("mixed.partial_quote")]
    assert qs and all(q.speaker == "Ann Cole" for q in qs), [(q.rule, q.speaker_mention) for q in extract(text).quotes]


@pytest.mark.parametrize("text", [
    'The memo named three lenders, among them Dover Trust, supposedly marked as a "prime prospect" for the fund.',
    'Voters are tired of junkets disguised as "study tours" and of the money that pays for them.',
])
def test_a_partial_quote_after_a_reduced_passive_with_as_is_a_scare_quote(text):
    # 'X, marked as a "..."': a participle with no object before 'as' is passive; nobody is said to say the words
    assert not extract(text).quotes, [(q.rule, q.speaker_mention) for q in extract(text).quotes]


def test_a_fronted_object_keeps_an_active_participle_before_as():
    q = _only('She toured the bridge, which Mayor Ann Cole described as "a marvel of the age."', rule="mixed.partial_quote")
    assert q.speaker == "Ann Cole", q.speaker


def test_a_partial_quote_whose_predicate_has_no_subject_takes_the_nearest_clauses_subject():
    # 'if elected, he would be "..."': no subject right before 'elected'; the clause it hangs on is Reed's,
    # not the sentence's first one
    text = ('Mayor Ann Cole toured the docks on Monday, while across town Tom Reed appeared at a rally where, '
            'if elected, he would be "a friend to every rider."')
    q = _only(text, rule="mixed.partial_quote")
    assert q.speaker == "Tom Reed", q.speaker_mention


def test_a_partial_quote_in_an_opening_participle_phrase_credits_the_main_subject():
    # 'Holding banners calling X "...",': the phrase hangs on the subject after its comma, not on 'banners'
    text = 'Holding banners calling the mayor "the harbour\'s worst enemy," the fishermen chanted "Cole: bad for boats."'
    q = [q for q in extract(text).quotes if q.rule == "mixed.partial_quote"][0]
    assert q.speaker_mention == "the fishermen", q.speaker_mention


def test_a_verb_with_an_infinitive_after_quote_marks_is_no_tag():
    # 'appeared to warm': an unknown verb followed by 'to' and a bare verb is not '"...," X beamed to the crowd'
    text = ('But as Mayor Cole denounced the tolls and pledged to confront the owners of "greedy ferry lines," '
            'many in the audience appeared to warm to her message.')
    q = _only(text, rule="mixed.partial_quote")
    assert q.speaker_mention == "Mayor Cole", q.speaker_mention


def test_punkt_ending_inside_a_party_tag_before_a_comma_does_not_split_the_sentence():
    # Punkt ends a sentence after 'Mo.' in '(D-Mo.),'; no sentence opens with ')' or ','
    from workbench.extract.sentences import paragraphs, sentences
    text = 'Sen. Ann Cole (D-Mo.), who has endorsed Reed, said Smith has pushed the mayor to be a "stronger" candidate.'
    assert len(sentences(text, paragraphs(text)[0])) == 1
    q = _only(text, rule="reported.said_that")
    assert q.speaker == "Ann Cole", q.speaker


def test_a_partial_quote_after_a_perceived_participle_credits_the_one_perceived():
    # 'to see a harbour board defending the idea that "..."': the board defends it, not the 'You' of the sentence
    text = 'You have to go back only ten years to see a harbour board defending the idea that "more ferries mean fewer cars."'
    q = _only(text, rule="mixed.partial_quote")
    assert q.speaker_mention == "a harbour board", q.speaker_mention


def test_a_partial_quote_after_an_object_control_verb_credits_its_object():
    # 'got the crowd to cheer for "..."': the crowd cheers the words, not the band that got it to
    q = _only('A brass band called the Dockers got the crowd to dance and cheer for "Mayor Ann Cole."',
              rule="mixed.partial_quote")
    assert q.speaker_mention == "the crowd", q.speaker_mention
@pytest.mark.parametrize("text, mention", [
    ('Gomez came on the morning show. Gomez was asked, "Would you vote for the levy if it came up again?"', None),
    ('On the radio, Gomez was then asked: "Would you vote for the levy?"', None),
    ('Gomez was asked by host Paul Rand, who has backed the levy for years and hosted the mayor on his show twice last month, "Would you '
     'vote for the levy if it came up again?"', "host Paul Rand"),
])
def test_a_question_put_to_the_subject_of_a_passive_asked_is_not_the_subjects(text, mention):
    assert _first_direct(text).speaker_mention == mention, _first_direct(text).rule


@pytest.mark.parametrize("text, mention", [
    ('The mayor backs the levy, opposes the toll and recalled the long strike of the bus drivers: "I saw how '
     'hard it was for the families."', "The mayor"),
    ('The audit came out on Friday. A table in the report makes that plain: "These figures do not cover the '
     'harbour works."', "A table"),
    ('But, said Solano, "I do not want to start a fight over it."', "Solano"),
])
def test_a_lowercase_phrase_after_the_cue_before_a_quote_is_no_speaker(text, mention):
    assert _first_direct(text).speaker_mention == mention, _first_direct(text).rule


@pytest.mark.parametrize("text, mention", [
    ('Retired Col. Tom Reed started the row when he brought up the flood and later said, "It is not just the '
     'river."', "he"),
    ('The mayor opened the fair, and then she stood by the pier for an hour and said, "The harbour is ours."',
     "she"),
])
def test_an_irregular_past_verb_is_the_verb_a_coordinated_cue_joins(text, mention):
    assert _first_direct(text).speaker_mention == mention, _first_direct(text).rule


def test_a_label_in_capitals_before_a_roundup_link_is_no_speaker():
    text = ('Events this week in the harbour district.\n\nFAREWELL\u2014"The old ferry bar will close at the end '
            'of May after forty years," by the Gazette. http://x.y/z\n\nMOVING SHOP\u2014"A bakery on Pier Road '
            'leaves for the old town."')
    assert [(q.rule, q.speaker_mention) for q in extract(text).quotes] == []


@pytest.mark.parametrize("text", [
    'Few voters liked the word "relocation." Why not just say: "They will go back the way they came"?',
    'The paper ran a story on the ferry. This led the tabloid to print a cover saying "Do not sink us, Mayor!"',
])
def test_a_question_word_or_a_demonstrative_before_a_quote_is_no_speaker(text):
    q = _first_direct(text)
    assert q.speaker_mention is None and q.speaker is None, (q.rule, q.speaker_mention)


def test_a_participle_right_after_a_quote_is_no_inverted_tag():
    text = ('Lena Ortiz said the club will still meet for lunch, but said, "It is time we change how we do it," '
            'promising the Harbour Club will return to its roots.')
    q = _first_direct(text)
    assert q.speaker_mention == "Lena Ortiz", (q.rule, q.speaker_mention)


def test_asked_to_is_a_request_and_the_quote_stays_the_subjects():
    q = _first_direct('Gomez said she was asked to leave: "I did not want to make a scene."')
    assert q.speaker == "Gomez", (q.rule, q.speaker_mention)


@pytest.mark.parametrize("text, mention", [
    ('The pier was shut on Monday. Added the mayor, "We will reopen it soon."', "the mayor"),
    ('The pier was shut on Monday. Wrote the Gazette\'s editors: "The town deserves better."',
     "the Gazette's editors"),
])
def test_an_inverted_tag_opening_its_sentence_names_the_speaker_not_the_cue(text, mention):
    assert _first_direct(text).speaker_mention == mention, _first_direct(text).rule


@pytest.mark.parametrize("text, mention", [
    ('Later on Sunday, Reed shared a syllabus for a 2002 class called \u201cPerception\u201d on his Facebook page, '
     'writing \u201cHere is the syllabus for the class you claim never existed.\u201d', "Reed"),
    ('Republicans were quick to chime in, with Tom Reed tweeting that it was a "disaster" for the mayor and '
     'asking, "How can someone like that run the port?"', "Tom Reed"),
])
def test_a_tag_clause_cut_by_earlier_quoted_words_is_read_from_the_sentence_start(text, mention):
    assert _first_direct(text).speaker_mention == mention, _first_direct(text).rule


@pytest.mark.parametrize("open_, close", [('"', '"'), ("\u201c", "\u201d"), ("''", "''")])
@pytest.mark.parametrize("text, rule, mention", [
    ("The new mayor is {o}not a backslapper,{c} said Tom Reed, a former aide.", "mixed.said_after", "Tom Reed"),
    ("She said at a fair in Dover that the pier was {o}a very good deal,{c} the Gazette reported.",
     "reported.said_that+outer_tag", "the Gazette"),
])
def test_a_closing_mark_of_two_apostrophes_reads_as_one_mark(open_, close, text, rule, mention):
    # The New York Times writes ''...'': its closing mark before a tag must end the words as '"' does
    q = _only(text.format(o=open_, c=close), rule=rule)
    assert _credited(q) == mention, (q.speaker_mention, q.reported_by_mention)


def _credited(q):
    """Who PolNeAR credits: the outer source a quote is reported through, else its speaker."""
    return q.reported_by_mention or q.speaker_mention


@pytest.mark.parametrize("text, mention", [
    ('Nothing the mayor said "will calm the town," the council leader said.', "the council leader"),
    ('Reed cannot claim that "the pier is safe," Ann Cole added, saying the report came late.', "Ann Cole"),
    ('Reed said the pier "would never reopen," the builder recalled, adding that the town had paid.',
     "the builder"),
])
def test_a_tag_right_after_a_partial_quote_is_the_outer_source(text, mention):
    # PolNeAR credits the outer tag; a clause that is all quoted words is no direct quote of its own
    quotes = extract(text).quotes
    q = next(q for q in quotes if q.rule.startswith("reported.said_that"))
    assert (q.rule, _credited(q)) == ("reported.said_that+outer_tag", mention), (q.rule, _credited(q))
    assert q.text.endswith(',"'), q.text


@pytest.mark.parametrize("text, mention", [
    ("Ann Marie Cole, the editor of the town's weekly paper, The Harbour Gazette, said the pier would reopen.",
     "Ann Marie Cole"),
    ("Tom Reed, spokesman for the group Friends of the Pier, or FOP - which was founded in 1990 - said the pier "
     "would reopen.", "Tom Reed"),
    # guards: with a comma after the acronym, and a role chunk opening the sentence (the name after it speaks)
    ("Tom Reed, spokesman for the group Friends of the Pier, or FOP, said the pier would reopen.", "Tom Reed"),
    ("Tuesday, the town's mayor, Ann Cole, said the pier would reopen.", "Ann Cole"),
])
def test_a_name_in_apposition_to_the_subjects_role_is_not_the_subject(text, mention):
    q = _only(text, rule="reported.said_that")
    assert q.speaker_mention == mention, q.speaker_mention


@pytest.mark.parametrize("text", [
    'When asked about the pier, Reed said: "It will reopen," the Gazette reported.',
    'When asked about the pier, Reed "bristled" and said, "No comment," the Gazette reported.',
])
def test_an_outer_tag_names_the_asker_of_an_unattributed_question(text):
    # PolNeAR credits the outer source for the question put to Reed, as for any inner report
    q = next(q for q in extract(text).quotes if q.rule.startswith("reported.asked_passive"))
    assert (q.text, q.speaker_mention) == ("about the pier", "the Gazette"), (q.text, q.rule, q.speaker_mention)


@pytest.mark.parametrize("text", [
    'When asked about the pier, Reed said: "It will reopen," the Gazette reported.',
    'Asked about the pier, Reed "bristled" and said, "No comment," the Gazette reported.',
])
def test_what_is_left_after_a_direct_quote_is_its_outer_tag_not_a_report(text):
    texts = [q.text.strip() for q in extract(text).quotes]
    assert "the Gazette reported" not in texts, texts


@pytest.mark.parametrize("text, mention", [
    ("The mayor's briefing, in which she laid out the repairs but then announced that the pier would close, "
     "was short.", "she"),
    ("It was the yearly forum, in which management sits down with the workers and tells them why the plan "
     "is good.", "management"),
    ("The council drew on the harbour board, which is in charge of the pier - and says it cannot pay for it.",
     "which"),
])
def test_a_cue_coordinated_inside_a_relative_clause_takes_that_clauses_subject(text, mention):
    q = _only(text, rule="reported.coordinated")
    assert q.speaker_mention == mention, q.speaker_mention


def test_a_semicolon_before_a_new_subject_and_cue_ends_the_reported_clause():
    # the share after the semicolon speaks for itself, not for the poll of the clause before
    text = ("Some 60 percent of people in a recent Gazette poll said the pier should reopen; 29 percent "
            "(and 40 percent of fishermen) said it should stay closed.")
    quotes = extract(text).quotes
    assert [(q.text, q.speaker_mention) for q in quotes] == [
        ("the pier should reopen", "Some 60 percent of people in a recent Gazette poll"),
        ("it should stay closed", "29 percent")], \
        [(q.text, q.rule, q.speaker_mention) for q in quotes]


def test_a_share_speaks_for_the_poll_of_its_own_clause_only():
    text = "In a recent Gazette poll, 60 percent of voters said the pier should reopen; 29 percent said it should close."
    assert [q.speaker_mention for q in extract(text).quotes] == ["a recent Gazette poll", "29 percent"]


@pytest.mark.parametrize("text, said", [
    ("After all, while she insisted that she never said it, that was the plain meaning.", "that she never said it"),
    ("Since the vote, when she urged the council to act, little has changed at the pier.", "council to act"),
])
def test_a_subordinate_clause_after_an_opening_adverbial_reports_up_to_its_comma(text, said):
    q = _only(text, rule="reported.said_that")
    assert q.text == said, q.text


@pytest.mark.parametrize("text, mention", [
    ("Since the vote, when she urged residents to write in, at least 2,000 said they would write to the council.",
     "at least 2,000"),
    ("The council met twice, and about 200 said they would back the bill.", "about 200"),
])
def test_a_count_of_people_with_a_quantity_word_is_a_subject(text, mention):
    q = next(q for q in extract(text).quotes if q.cue == "said")
    assert q.speaker_mention == mention, q.speaker_mention


@pytest.mark.parametrize("text, second", [
    ("Most of the voters said they were worried about the pier, and more than 4 in 10 said the mayor would be "
     "best at fixing it.", "more than 4 in 10"),
    ("The mayor has said little about the pier, and people familiar with her thinking say she now favours a new "
     "one.", "people familiar with her thinking"),
])
def test_a_long_subject_after_and_with_its_own_cue_starts_a_new_report(text, second):
    quotes = extract(text).quotes
    assert [q.speaker_mention for q in quotes][1:] == [second], [(q.text, q.speaker_mention) for q in quotes]


@pytest.mark.parametrize("text, mention", [
    ("Ferry sales rose 60 percent a year, according to a recent report from the Harbour Institute.",
     "the Harbour Institute"),
    ("Ferry sales rose 60 percent a year, according to a congressional report.", "a congressional report"),
])
def test_according_to_a_report_reads_report_as_a_noun(text, mention):
    q = _only(text, rule="reported.according_to_after")
    assert q.speaker_mention.rstrip(".") == mention, q.speaker_mention


def test_a_source_closing_the_sentence_leaves_its_full_stop_out():
    # 'Press', 'Finance', 'House' are also title words ('press secretary'), whose abbreviations keep a point
    q = _only("Ferry sales rose 60 percent, according to the Associated Press.", rule="reported.according_to_after")
    assert q.speaker_mention == "the Associated Press", q.speaker_mention


def test_who_before_an_aside_is_the_subject_of_the_cue_after_it():
    # PolNeAR marks 'who' as in 'Tom Reed, who said ...'; the aside no longer lets the clause run on
    q = _only("Tom Reed, who, when the vote was over, said the pier would reopen, left early.")
    assert (q.rule, q.speaker_mention, q.speaker, q.text) == (
        "reported.relative", "who", "Tom Reed", "the pier would reopen"), (q.rule, q.speaker_mention, q.text)


@pytest.mark.parametrize("open_, close", [('"', '"'), ("\u201c", "\u201d"), ("''", "''")])
def test_according_to_a_work_named_in_quote_marks_credits_the_work(open_, close):
    text = (f"According to {open_}The Harbour Years,{close} by Ann Cole, Reed told his brother that the pier "
            "would never reopen.")
    q = _only(text, rule="reported.said_that+according_to")
    assert _credited(q).startswith("The Harbour Years") and _credited(q).endswith("Ann Cole"), _credited(q)
