"""Direct quotes: decide which quoted segments are full quotes and find their attribution
in the text right after ("...," he said) or right before (He said: "...") the marks."""
from __future__ import annotations

from dataclasses import dataclass

from .lexicon import (BE_FORMS, CONTROL_VERBS, CUE_FORMS, FUNCTION, JUNK_MENTIONS, LOOSE_CUES, NP_OK, OBJECT_VERBS,
                      PASSIVE_ADVERBS, PRONOUNS, SAY_LIKE, TAG_NEXT, WH_WORDS, cue_lemma)
from .marks import Segment
from .model import Rule
from .subjects import (Mention, appositive_tail, coordinated_subject, is_time_phrase, not_a_speaker_word, not_a_subject,
                       np_after, np_before, person_head, recent_speaker, sentence_subject, tail_is_short,
                       with_np)
from .words import is_cap, is_term, noun_use, token_index


_TERM = {".", "!", "?"}


_END_PUNCT = set(".,!?;:\u2026\u2014\u2013-")


def is_full(text, seg, para_start, toks_before, toks_after):
    """A full (direct) quote rather than a partial one embedded in a sentence."""
    inner = text[seg.inner_start:seg.inner_end].strip()
    if not inner:
        return False
    nwords = len(inner.split())
    # what precedes the opening mark
    before = text[max(para_start, seg.start - 200):seg.start].rstrip()
    prev_ch = before[-1:] if before else ""
    start_ok = (not before or prev_ch in ":.!?,;\u2014\u2013(\"\u201d'\u2019" or
                (toks_before and cue_lemma(toks_before[-1][2]) in SAY_LIKE and inner[:1].isupper()))
    if prev_ch == "," and not inner[:1].isupper() and not (toks_before and len(toks_before) >= 2 and
                                                         cue_lemma(toks_before[-2][2]) in SAY_LIKE):
        # ', "lowercase' mid-sentence: full only for split quotes (', he said, "...')
        start_ok = any(cue_lemma(t[2]) in SAY_LIKE for t in toks_before[-10:])
    if not start_ok and toks_before and toks_before[-1][2].lower() in ("but", "and") and \
            any(cue_lemma(t[2]) in SAY_LIKE for t in toks_before[-6:]):
        start_ok = True   # '"A," he said, but "b ..."'
    if not start_ok:
        return False
    end_punct = inner[-1:] in _END_PUNCT
    after = text[seg.end:seg.end + 3].split("\n", 1)[0].lstrip()
    after_ok = end_punct or not after or after[:1] in ".!?:;)" or not seg.closed
    if not after_ok:
        # "Quote" he said  (no comma) is still full when an attribution follows
        return bool(toks_after) and attribution_after(text, toks_after) is not None and nwords >= 3
    if seg.single and nwords < 6:
        return False
    return nwords >= 2 or end_punct and inner[:1].isupper()


def attribution_after(text, gtoks):
    """('…,' Putin said / said Putin / he told reporters): (cue_tok, mention) or None.
    After a quote that closes its sentence with a full stop ('"... my opinion." Reid said both ...'),
    a cue with a clause after it, or one that introduces the next quote, starts a new sentence of
    its own: no tag of this quote."""
    a = _attribution_after(text, gtoks)
    if a is None or not isinstance(a[0], tuple) or cue_lemma(a[0][2]) is None:
        return a
    before = text[max(0, gtoks[0][0] - 5):gtoks[0][0]].rstrip()
    inner = before.rstrip("\"\u201d'\u2019")
    if inner == before or not inner.endswith("."):
        return a
    c = next((k for k, t in enumerate(gtoks) if t is a[0]), None)
    if c is None:
        return a
    hi = next((k for k in range(c + 1, len(gtoks)) if is_term(gtoks, k)), len(gtoks))
    if hi == len(gtoks) and gtoks[-1][2] in (",", ":") and len(gtoks) - c <= 3:
        return None   # '"...." Of Carson, Levine said, "..."': the cue introduces the next quote
    return a if tail_is_short(gtoks, c + 1, hi) else None


def _attribution_after(text, gtoks):
    if not gtoks:
        return None
    i0 = 0
    while i0 < len(gtoks) and gtoks[i0][2] in (",", "\u2014", "\u2013", "-", "'", "\u2019", '"', "\u201d"):
        i0 += 1
    if i0 >= len(gtoks):
        return None
    hi = len(gtoks)
    for k in range(i0, len(gtoks)):
        if is_term(gtoks, k) or gtoks[k][2] in (":", ";"):
            hi = k
            break
    if hi < len(gtoks) and gtoks[hi][2] == ":":
        return None   # "X said:" introduces the next quote
    if gtoks[0][2] in ("\u2015", "\u2014", "\u2013", "-", "~") and len(gtoks) > 1:
        # credit line: "..." ― Jorge Falcon
        m = np_after(text, gtoks, 0, hi)
        if m is not None and m.kind == "name" and (m.end >= gtoks[hi - 1][1] - 1 or hi - 0 <= 6):
            return gtoks[0], m
    if i0 + 1 < hi and gtoks[i0][2].lower() == "according" and gtoks[i0 + 1][2].lower() == "to":
        m = np_after(text, gtoks, i0 + 1, hi)
        if m is not None:
            return (gtoks[i0][0], gtoks[i0 + 1][1], text[gtoks[i0][0]:gtoks[i0 + 1][1]]), m
    for c in range(i0, min(hi, i0 + 24)):
        lem = cue_lemma(gtoks[c][2])
        if lem is None or lem not in SAY_LIKE:
            continue
        if c > i0 and c + 1 < hi and cue_lemma(gtoks[c + 1][2]) in SAY_LIKE and noun_use(gtoks, c, i0):
            continue   # '"...," the report said': a cue word used as the subject noun
        nxt = gtoks[c + 1][2].lower() if c + 1 < len(gtoks) else ""
        if lem == "point" and nxt != "out" or lem == "go_on" and nxt != "on":
            continue
        if nxt in ("that", "if", "whether") or (c + 2 < len(gtoks) and gtoks[c + 2][2].lower() == "that"):
            return None   # a reported clause follows: not a tag of this quote
        if nxt == "to" and c + 2 < len(gtoks) and gtoks[c + 2][2].lower() in ("say", "be", "have", "the"):
            return None
        if c == i0:
            if gtoks[c][2].lower().endswith("ing"):
                # '"...," telling reporters': the participle's object is its addressee; '"...," promising
                # the club will return': a participle of the sentence. Neither is a tag
                return None
            m = np_after(text, gtoks, c, hi)
            if m is not None:
                return gtoks[c], m
            return None
        if lem not in OBJECT_VERBS and gtoks[c - 1][2] in (",", "\u2014") and (
                (m0 := np_before(text, gtoks, c, i0)) is None or m0.kind not in ("name", "pronoun")):
            # '"...," since so many cases were close, said Lee Ann, who teaches law': inverted
            # attribution after more words of the sentence
            m = np_after(text, gtoks, c, hi)
            if m is not None and (m.kind in ("name", "org") or m.text.split()[0].lower() in ("a", "an", "the", "one")):
                k = c + 1
                while k < hi and gtoks[k][0] < m.end:
                    k += 1
                if k >= hi or appositive_tail(gtoks, k, hi) or tail_is_short(gtoks, k, hi):
                    return gtoks[c], m
        m = np_before(text, gtoks, c, i0)
        if m is not None and m.start == gtoks[i0][0] or (m is not None and c - i0 <= 8 and _only_np(gtoks, i0, m)):
            return gtoks[c], m
        if m is not None and _np_prefix_ok(gtoks, i0, m.start):
            # "Daily News opinion editor Josh Greenman told ...": the role belongs to the mention;
            # but in '"...," a Democratic staffer in the room wondered' the head comes before 'in'
            for p in range(i0 + 1, c):
                if gtoks[p][0] >= m.start:
                    break
                if gtoks[p][2] not in ("in", "at", "on", "from", "of", "for", "with"):
                    continue
                mp = np_before(text, gtoks, p, i0)
                if mp is None or mp.start != gtoks[i0][0] or mp.kind not in ("group", "pronoun"):
                    continue
                if gtoks[p][2] in ("in", "at", "on", "from"):
                    return gtoks[c], mp
                if person_head((mp.head or "").lower()):
                    # "the director of the FBI", "a spokesman for the agency": the person is the whole role
                    return gtoks[c], Mention(mp.start, m.end, text[mp.start:m.end], "group", head=mp.head)
            return gtoks[c], m
        return None
    return _unknown_verb_tag(text, gtoks, i0, hi)


def _unknown_verb_tag(text, gtoks, i0, hi):
    """'"...," he surmised.' / '"...," Ms. Reyes beamed on Friday.': a verb missing from the lexicon
    still tags the quote when the quote ends in a comma (or ?/!), a person noun phrase follows the
    mark and the verb (past tense or present -s) closes the sentence or is followed by an adjunct."""
    before = text[max(0, gtoks[0][0] - 4):gtoks[0][0]].rstrip()
    if len(before) < 2 or before[-1] not in "\"\u201d'\u2019" or before[-2] not in ",?!":
        return None
    for c in range(i0 + 1, min(hi, i0 + 10)):
        w = gtoks[c][2]
        if not (w.isalpha() and w.islower()):
            continue
        if not (w.endswith("ed") and len(w) > 4 or w.endswith("s") and not w.endswith("ss") and len(w) > 3):
            continue   # "the visiting mayor": words of the noun phrase
        if c + 1 < hi and gtoks[c + 1][2].lower() not in TAG_NEXT and not (
                gtoks[c + 1][2].endswith("ly") and gtoks[c + 1][2].islower()):
            continue
        if c + 2 < hi and gtoks[c + 1][2] == "to" and _bare_verb(gtoks[c + 2][2]):
            return None   # '..., many in the audience appeared to warm to his message': a verb with an infinitive
        m = np_before(text, gtoks, c, i0)
        if m is None or m.start != gtoks[i0][0] or m.kind not in ("name", "pronoun", "group") or \
                m.kind == "pronoun" and m.text.lower() not in ("he", "she", "i", "we", "they"):
            return None
        return gtoks[c], m
    return None


def _bare_verb(w):
    """w can only be read as a bare infinitive after 'to' ('to warm', not 'to reporters', 'to the crowd',
    'to Congress', 'to him'): lowercase, no plural -s, no function word."""
    return w.isalpha() and w.islower() and not w.endswith("s") and w not in FUNCTION and w not in PRONOUNS


def _np_prefix_ok(gtoks, i0, start):
    n = 0
    for t in gtoks[i0:]:
        if t[0] >= start:
            return True
        w = t[2]
        n += 1
        if n > 12:
            return False
        if w[:1].isupper() or w in ("'s", "\u2019s", "-", ".", "of") or (w.lower() in NP_OK) or \
                (w.replace("-", "").replace("\u2019", "").replace("'", "").isalpha() and w.lower() not in FUNCTION) \
                or w[:1].isdigit():
            continue
        if w == "," and n > 1:
            continue
        return False
    return False


def _only_np(gtoks, i0, m):
    return gtoks[i0][0] >= m.start - 2 or gtoks[i0][0] == m.start


def attribution_before(text, gtoks):
    """(He said: / Lewandowski said, adding: / X told reporters,) right before the quote."""
    if not gtoks:
        return None
    # last clause: after the last sentence terminator
    lo = 0
    for k in range(len(gtoks) - 1, -1, -1):
        if is_term(gtoks, k) and k < len(gtoks) - 1:
            lo = k + 1
            break
    last = gtoks[-1][2]
    if last in _TERM:
        return None
    if last == ":" and 1 <= len(gtoks) - 1 - lo <= 4 and all(t[2][:1].isupper() or t[2] == "." for t in gtoks[lo:-1]):
        # transcript / round-up style "Bush: "...""
        s0, e0 = gtoks[lo][0], gtoks[-2][1]
        words = text[s0:e0]
        if words.lower() not in ("q", "a", "note", "update", "source", "editor's note") and len(words) > 1:
            return gtoks[-1], Mention(s0, e0, words, "name")
    for c in range(len(gtoks) - 1, lo - 1, -1):
        if len(gtoks) - c > 15:
            break
        lem = cue_lemma(gtoks[c][2])
        if lem is None or lem not in SAY_LIKE:
            continue
        tail = [t[2] for t in gtoks[c + 1:]]
        if tail and tail[-1] not in (":", ",", "that") and not (tail[-1] == "\u2014"):
            if not (len(tail) <= 1):
                continue
        w = gtoks[c][2].lower()
        prev = gtoks[c - 1][2].lower() if c - 1 >= lo else ""
        if _passive_asked(gtoks, lo, c):
            return gtoks[c], _asker(text, gtoks, c)
        if w.endswith("ing") and prev not in ("was", "is", "were", "are", "be", "been"):
            # participle: "Sanders stepped up his emphasis ..., saying," -> the clause's speaker
            m = None
            if c - 2 >= lo and is_cap(gtoks[c - 1][2]):
                # "footage of Hillary Clinton asking," / "with Trump saying:": the name the participle follows
                m0 = np_before(text, gtoks, c, lo)
                if m0 is not None and m0.kind == "name":
                    kb = c - 1
                    while kb >= lo and gtoks[kb][0] >= m0.start:
                        kb -= 1
                    if kb >= lo and gtoks[kb][2].lower() in ("of", "with", "shows", "showed", "show", "heard", "saw",
                                                             "hear"):
                        m = m0
            if m is None and prev not in (",", "and", "while", "before", "after", "by", "in", "when"):
                m = with_np(text, gtoks, lo, c)   # "with one of her ads asking,"
            m = m or recent_speaker(text, gtoks, lo, c)
            if m is None and prev == ",":
                # "X shared a syllabus on his Facebook page, writing": the subject of the nearest verb
                m = coordinated_subject(text, gtoks, lo, c, skip_embedded=True)
            m = m or sentence_subject(text, gtoks, lo, c)
            if m is not None and not_a_subject(gtoks, lo, m):
                m = sentence_subject(text, gtoks, lo, c)   # 'X, who said last week that ..., issued ... saying,'
            if m is not None and m.kind != "relative":
                return gtoks[c], _names_someone(m)
        m = np_before(text, gtoks, c, lo)
        if m is None and c - 2 > lo and gtoks[c - 1][2] == "to" and gtoks[c - 2][2] in CONTROL_VERBS:
            m = np_before(text, gtoks, c - 2, lo)   # 'Mr. Trump was prompted to say,': the subject of 'prompted'
        if m is None and prev in ("and", "but") and c - 2 >= lo:
            # 'Bush thought for a moment and said that in the current climate, "..."': the subject of
            # the coordinated verbs, not a noun phrase after the cue
            m = coordinated_subject(text, gtoks, lo, c, wide=True)
            if m is not None:
                return gtoks[c], m
        if m is None and cue_lemma(gtoks[c][2]) not in ("tell", "ask", "warn", "urge", "remind", "assure"):
            m = np_after(text, gtoks, c, len(gtoks))
            if m is not None and (m.end > gtoks[-1][1] or not is_cap(m.text)):
                # an inverted tag names its speaker ('But, said Solovey, "..."'); a lowercase phrase after
                # the cue is its object ('and recalled the three-year freeze: "..."') or the cue is a noun
                # ('A footnote in the report makes that clear: "..."')
                m = None
        if m is not None:
            return gtoks[c], _names_someone(m)
        # "adding:" after an attribution "Lewandowski said, adding:"
        for c2 in range(c - 1, lo - 1, -1):
            lem2 = cue_lemma(gtoks[c2][2])
            if lem2 in SAY_LIKE:
                m = np_before(text, gtoks, c2, lo) or np_after(text, gtoks, c2, c)
                if m is not None:
                    return gtoks[c], m
        return None
    return None


def _names_someone(m):
    """m, or None for a word that names no one ('Why not just say: "..."', 'This led the tabloid to print a
    cover saying "..."'): the speaker is left empty rather than guessed. A bare article stays: it is the
    cut start of a longer noun phrase ('An early tweet quoted X as saying'), which still overlaps it."""
    return None if m.text.lower() in WH_WORDS or m.text.lower() in ("this", "these", "those") else m


def _passive_asked(gtoks, lo, c):
    """'X was asked, "..."' / 'X was then asked by Y, "..."': token c is a passive 'asked', so the quote is
    a question put to the subject, not the subject's words."""
    if gtoks[c][2].lower() != "asked" or c + 1 < len(gtoks) and gtoks[c + 1][2].lower() == "to":
        return False   # 'X said she was asked to leave: "..."': a request, and the quote is still X's
    k = c - 1
    if k >= lo and gtoks[k][2].lower() in PASSIVE_ADVERBS:
        k -= 1
    return k >= lo and gtoks[k][2].lower() in BE_FORMS


def _asker(text, gtoks, c):
    """The one named after 'asked by' (a person or an outlet), or None: an unnamed asker."""
    if c + 2 < len(gtoks) and gtoks[c + 1][2].lower() == "by":
        m = np_after(text, gtoks, c + 1, len(gtoks))
        if m is not None and m.kind != "pronoun":
            return m
    return None


def loose_after(text, ta):
    """A quote no rule attributes: a cue word (any case) within the first words after it, in the
    same sentence, and the noun phrase before or after it ('"...!" beamed X', '"...," X Tweeted on
    Friday', '"...," X said before adding:')."""
    i0 = 0
    while i0 < len(ta) and not ta[i0][2][:1].isalnum():
        i0 += 1
    hi = len(ta)
    for k in range(i0, len(ta)):
        if is_term(ta, k) or ta[k][2] in ('"', "\u201c", "\u201d", "''"):
            hi = k
            break
    for c in range(i0, min(hi, i0 + 12)):
        w = ta[c][2]
        if not (CUE_FORMS.get(w.lower()) or w.lower() in LOOSE_CUES):
            continue
        m = np_before(text, ta, c, i0) if c > i0 else None
        if m is None or m.start != ta[i0][0]:
            m = np_after(text, ta, c, hi)
        if m is not None and m.kind in ("name", "pronoun", "org", "group") and not is_time_phrase(m):
            return ta[c], m   # not '... said Friday'
        return None
    return None


def tag_before(text, tb):
    """A quote no rule attributes, right after a sentence of its paragraph that closes with a tag
    ('..., as his father dreamed, Mr. Turry said. "..."', '"A" before the incident, she said. "B"'):
    the tag's noun phrase."""
    n = len(tb) - 1
    lo = 0
    for k in range(n - 1, -1, -1):
        if is_term(tb, k) or tb[k][2] in ('"', "\u201c", "\u201d", "''", ":", ";"):
            lo = k + 1
            break
    for c in range(n - 1, max(lo, n - 9) - 1, -1):
        w = tb[c][2]
        if not w.islower() or not CUE_FORMS.get(w) or not tail_is_short(tb, c + 1, n + 1):
            continue
        m = np_before(text, tb, c, lo)
        if m is not None and m.kind in ("name", "pronoun", "org", "group"):
            return tb[c], m
        return None
    return None


def intro_speaker(text, tb):
    """'Jeb Bush broke down what was wrong ... to the newspaper: "..."' -> the clause's subject;
    'According to the newspaper, "..."' -> the newspaper."""
    lo = 0
    for k in range(len(tb) - 2, -1, -1):
        if is_term(tb, k):
            lo = k + 1
            break
    n = len(tb)
    if n - lo < 2:
        return None
    for k in range(lo, n - 1):
        if tb[k][2].lower() == "according" and tb[k + 1][2].lower() == "to":
            m = np_after(text, tb, k + 1, n)
            if m is not None:
                return (tb[k][0], tb[k + 1][1], text[tb[k][0]:tb[k + 1][1]]), m
    for k in range(n - 1, lo - 1, -1):
        if cue_lemma(tb[k][2]) is not None and not noun_use(tb, k, lo):
            if _passive_asked(tb, lo, k):
                # 'X was asked by host Y, who ..., "..."': the question is the asker's (None: not named)
                return tb[k], _asker(text, tb, k)
            break
    w0 = tb[lo][2]
    if n - lo >= 3 and is_cap(w0) and not w0.isupper() and CUE_FORMS.get(w0.lower()) and not w0.endswith("ing"):
        # 'Added the mayor: "..."', 'Continued Stone: "..."': an inverted tag opening its sentence (a
        # capitalised cue form is no cue elsewhere, as headlines capitalise every word)
        m = np_after(text, tb, lo, n - 1)
        if m is not None and m.end >= tb[n - 2][1]:
            return tb[lo], m
    m = None
    if tb[-1][2] == ":":
        # roundup credit: 'Pollsters agree - Carl Bialik: "..."', '... - More from the report: "..."'
        for k in range(n - 2, max(lo, n - 9) - 1, -1):
            if tb[k][2] in ("-", "\u2014", "\u2013") and tb[k][0] > tb[k - 1][1] if k > lo else False:
                j = k + 1
                if j + 1 < n - 1 and tb[j][2].lower() == "more" and tb[j + 1][2].lower() == "from":
                    j += 2
                m0 = np_after(text, tb, j - 1, n - 1)
                if m0 is not None and m0.start == tb[j][0] and m0.end == tb[n - 2][1]:
                    return tb[-1], m0
                break
    if tb[-1][2] == ":" and tb[-2][2].endswith("ing") and tb[-2][2].islower():
        m = with_np(text, tb, lo, n - 2)   # "..., with Trump reportedly yelling: "...""
    m = m or _coordinated_intro(text, tb, lo, n) or recent_speaker(text, tb, lo, n) or \
        sentence_subject(text, tb, lo, n - 1)
    if m is None or m.kind == "relative" or junk_mention(m) or not_a_speaker_word(m) or \
            m.text.isupper() and len(m.text) > 3:
        # a label in capitals ('FAREWELL—"The Living Room to close,"', 'NOW OPEN—"..."') heads a
        # link in a roundup: no speaker
        # a bare 'The' ('The scheduling was so odd that a spokesman for X could only quip:') names
        # nobody: the quote falls back to the context speaker
        return None
    return tb[-1], m


def _coordinated_intro(text, tb, lo, n):
    """'X started the row when he brought up the flood and later said, "..."': a cue verb closing the
    clause after 'and (later/then)' takes the subject of the verb it is coordinated with, the nearest
    subject (PolNeAR marks 'he' there, not the sentence subject X)."""
    c = n - 2
    if c - 2 <= lo or not tb[c][2].islower() or cue_lemma(tb[c][2]) is None:
        return None
    k = c - 1
    if tb[k][2].lower() in ("later", "then", "also"):
        k -= 1
    if tb[k][2].lower() not in ("and", "but"):
        return None
    m = coordinated_subject(text, tb, lo, c)
    return m if m is not None and m.kind in ("name", "pronoun") else None


def junk_mention(m):
    """A mention that names nobody: a lone article or demonstrative ('The'), or 'that's'."""
    return m.text.lower().replace("\u2019", "'") in JUNK_MENTIONS


# ----------------------------------------------------------------------------- the direct rules

@dataclass
class QuoteContext:
    """A full quoted segment and the tokens around it, for the fallback finders below."""
    text: str
    seg: Segment
    k: int                  # index of the segment among its paragraph's segments
    tb: list                # tokens between the previous segment (or paragraph start) and this one
    ta: list                # tokens between this segment and the next one (or paragraph end)
    paras: list
    ptoks: list
    pi: int                 # paragraph index


def _said_between(ctx):
    """'"A," he said. "B."' with B's own tags missing: the tag after A also credits B."""
    return attribution_after(ctx.text, ctx.tb) if ctx.k > 0 and ctx.tb else None


# how far back a tag clause cut by earlier quoted words is read (tokens)
WHOLE_CLAUSE_TOKENS = 80


def clause_before(toks, end):
    """The paragraph's tokens that end by ``end``, at most the last WHOLE_CLAUSE_TOKENS of them: where a
    tag clause cut by earlier quoted words of its sentence is read from ('X contrasted Y, whom he
    described as "volatile," with Clinton: "..."'). Bounded, so a paragraph of many quotes stays linear."""
    e = token_index(toks, end)
    return toks[max(0, e - WHOLE_CLAUSE_TOKENS):e]


def _intro_subject(ctx):
    tb = ctx.tb
    if tb and (tb[-1][2] in (":", ",", "\u2014") or
               tb[-1][2].lower() in ("saying", "writing", "adding", "declaring", "telling", "asking")):
        near = intro_speaker(ctx.text, tb)
        if near is not None and ctx.k > 0 and tb[0][2][:1].islower():
            # 'X contrasted Y, whom he described as "volatile," with Clinton: "..."': the clause began
            # before the quoted words that cut it, so its subject is read from the sentence's start
            return intro_speaker(ctx.text, clause_before(ctx.ptoks[ctx.pi], tb[-1][1])) or near
        return near
    return None


def _credit_line(ctx):
    """'"..."' closing its paragraph, then a short paragraph '- Jorge Falcon'."""
    pi, paras = ctx.pi, ctx.paras
    if pi + 1 < len(paras) and ctx.seg.end >= paras[pi][1] - 1:
        nps, npe = paras[pi + 1]
        if npe - nps < 90 and ctx.text[nps:nps + 1] in "-\u2014\u2013\u2015~":
            return attribution_after(ctx.text, ctx.ptoks[pi + 1])
    return None


def _said_before_colon(ctx):
    """The paragraph before ends with 'X said:' and this one opens with the quote."""
    pi = ctx.pi
    if ctx.seg.start == ctx.paras[pi][0] and pi > 0 and ctx.text[ctx.paras[pi - 1][1] - 1] == ":":
        return attribution_before(ctx.text, ctx.ptoks[pi - 1])
    return None


def _loose(ctx):
    if ctx.ta and ctx.text[ctx.seg.inner_start:ctx.seg.inner_end].rstrip()[-1:] in (",", "!", "?"):
        return loose_after(ctx.text, ctx.ta)
    return None


def _tag(ctx):
    if ctx.tb and is_term(ctx.tb, len(ctx.tb) - 1):
        return tag_before(ctx.text, ctx.tb)
    return None


SAID_AFTER = Rule("direct.said_after", "direct", attribution_after, np_before,
                  "a full quote tagged right after its marks: '\"...,\" Putin said' / 'said Putin'",
                  confidence=0.9, tag_after=True)
SAID_BEFORE = Rule("direct.said_before", "direct", attribution_before, np_before,
                   "a full quote introduced right before its marks: 'Putin said: \"...\"'", confidence=0.9)
SAID_BETWEEN = Rule("direct.said_between", "direct", _said_between, np_before,
                    "a quote after another quote's tag ('\"A,\" he said. \"B\"'): merged into the quote before",
                    confidence=0.75, shares_cue=True)
INTRO_SUBJECT = Rule("direct.intro_subject", "direct", _intro_subject, sentence_subject,
                     "a quote after a clause ending in ':' or ',' or 'saying': the clause's subject",
                     confidence=0.55)
CREDIT_LINE = Rule("direct.credit_line", "direct", _credit_line, np_after,
                   "a quote closing its paragraph, credited by a short '- Name' paragraph after it",
                   confidence=0.8)
SAID_BEFORE_COLON = Rule("direct.said_before_colon", "direct", _said_before_colon, np_before,
                         "a paragraph-opening quote after a paragraph that ends 'X said:'", confidence=0.8)
LOOSE_AFTER = Rule("direct.loose_after", "direct", _loose, np_after,
                   "a cue of any case in the first words after the quote ('\"...!\" beamed X')",
                   confidence=0.6)
TAG_BEFORE = Rule("direct.tag_before", "direct", _tag, np_before,
                  "a quote right after a sentence that closes with a tag ('..., Mr. Turry said. \"...\"')",
                  confidence=0.6)

# the finders tried, in order, for a full quote with no tag right after or before it
FALLBACKS = (SAID_BETWEEN, INTRO_SUBJECT, CREDIT_LINE, SAID_BEFORE_COLON, LOOSE_AFTER, TAG_BEFORE)
RULES = (SAID_AFTER, SAID_BEFORE) + FALLBACKS
