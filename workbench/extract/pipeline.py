"""The extractor: paragraphs -> quote marks -> direct quotes -> reported/mixed speech ->
speaker resolution.  Offsets always index the original text, which is never rewritten."""
from __future__ import annotations

import bisect
import re

from .direct import (FALLBACKS, SAID_AFTER, SAID_BEFORE, QuoteContext, attribution_after, attribution_before, clause_before,
                     is_full)
from .lexicon import (CUE_WORDS, DETERMINERS, EXPLETIVES, FEMALE, FUNCTION, GAP_CLAUSE, MALE, NATIONALITY, NOT_NAME,
                      NOT_OUTER_START, ORG_HEADS, OUTER_VERBS, PLACES, PRONOUNS, SENT_START_STOP, TITLES,
                      cue_lemma)
from .marks import find_segments
from .model import Extraction, Quote, Rule, Speaker
from .reported import ACCORDING_TO_AFTER, PARENTHETICAL, PARTIAL_QUOTE, PARTICIPLE, find_in_sentence, partial_quote_clause
from .sentences import paragraphs, sentences, tokens
from .speakers import Registry, pronoun_fits
from .subjects import (Mention, according_mention, news_agency, not_a_speaker_word, np_after,
                       np_before, publisher_of, sentence_subject, speaking_head, tail_is_short)
from .words import DASHES, is_term, title_of_work, token_index


class _Q:
    __slots__ = ("fragments", "kind", "cue", "mention", "rule", "conf", "speaker", "mention_override", "adjustments",
                 "inner", "inner_speaker")

    def __init__(self, fragments, kind, cue, mention, rule, conf):
        self.fragments = fragments
        self.kind = kind
        self.cue = cue
        self.mention = mention
        self.rule = rule
        self.conf = conf
        self.speaker = None
        self.mention_override = None
        self.adjustments: list[Rule] = []   # adjustment rules that changed the speaker afterwards
        # the mention an adjustment replaced by an outer source ('X said ..., the Post reported'):
        # the person whose words they are, kept beside the source that reports them
        self.inner = None
        self.inner_speaker = None


def extract(text: str) -> Extraction:
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    if not text.strip():
        return Extraction([], [])
    paras = paragraphs(text)
    segs = find_segments(text, paras)
    ptoks = [tokens(text, s, e) for s, e in paras]
    found: list[_Q] = []
    direct_spans = _direct(text, paras, ptoks, segs, found)
    sent_list = []   # (para index, tok lo, tok hi)
    for pi, p in enumerate(paras):
        toks = ptoks[pi]
        for s, e in sentences(text, p):
            lo = token_index(toks, s)
            hi = token_index(toks, e)
            if hi > lo:
                sent_list.append((pi, lo, hi))
    used_cues = {q.cue[0] for q in found if q.cue is not None}
    seg_spans = sorted((sg.start, sg.end) for sg in segs)   # every quote mark pair, in text order
    _reported(text, ptoks, sent_list, segs, seg_spans, direct_spans, found, used_cues)
    found = _merge_shared_cues(found)
    _according_sources(text, ptoks, sent_list, found, seg_spans)
    _outer_tags(text, ptoks, sent_list, found, seg_spans)
    _poll_sources(text, ptoks, sent_list, found)
    quotes, speakers = _resolve(text, ptoks, sent_list, found)
    return Extraction(quotes, speakers)


_ABBREV_STOP = re.compile(r"\b([A-Z][a-z]{0,4})\.(?=[ ,)])")
_GAP_BAD = re.compile(r"[\"\u201c\u201d.;:!?]|''")


def _short_gap(gap):
    """Only adverbials between an attribution and a following 'according to'
    ('said at a press conference, according to')."""
    # 'he told Sen. Jeff Flake (R-Ariz.), according to': the full stops of titles and abbreviations
    gap = _ABBREV_STOP.sub(r"\1", gap)
    return len(gap) <= 60 and not _GAP_BAD.search(gap.replace(".,", ",")) and \
        not GAP_CLAUSE.intersection(gap.lower().split())


def _in_spans(spans, pos):
    k = bisect.bisect_right(spans, (pos, float("inf"))) - 1
    return k >= 0 and spans[k][0] <= pos < spans[k][1]


def _according_sources(text, ptoks, sent_list, found, seg_spans):
    """'"...," X said, according to CNN.' / 'According to the report, X said that ...': PolNeAR
    credits the source of the outer 'according to' (measured on train: 38 of 43 such pairs), so a
    quote whose cue shares a sentence with an 'according to X' outside its own span takes X."""
    accs = []   # (sentence start, sentence end, according start, mention)
    for pi, lo, hi in sent_list:
        toks = ptoks[pi]
        s0, e0 = toks[lo][0], toks[hi - 1][1]
        if text.find("ccording to", s0, e0) < 0:
            continue
        for k in range(lo, hi - 1):
            if toks[k][2].lower() == "according" and toks[k + 1][2].lower() == "to":
                m = according_mention(text, toks, k, hi)
                if m is not None:
                    accs.append((s0, e0, toks[k][0], m))
    if not accs:
        return
    starts = [a[0] for a in accs]
    for q in found:
        if q.cue is None or q.rule.according or q.mention is None:
            continue
        c0 = q.cue[0]
        k = bisect.bisect_right(starts, c0) - 1
        while k >= 0 and accs[k][0] <= c0 < accs[k][1]:
            s0, e0, a0, m = accs[k]
            qs = q.fragments[0][0]
            fs, fe = q.fragments[-1]
            pre = text[fs:a0].rstrip()
            if len(q.fragments) == 1 and fs < a0 < fe and q.kind != "direct" and fe >= m.end and \
                    (pre.endswith(",") or pre[-1:] in "\u201d\"'" and pre.rstrip("\u201d\"'").endswith(",")) and \
                    _short_gap(text[m.end:e0].rstrip(".!? ")):
                # 'X said they ... "cares about people like me," according to a poll conducted in February.':
                # the clause ran on over the outer source; it ends at the comma (or the marks after it)
                q.fragments[-1] = (fs, fs + len(pre) - (1 if pre.endswith(",") else 0))
            tail = max([q.cue[1], q.mention.end] + [b for a, b in q.fragments if b <= a0])
            # the outer source: sentence-initial "According to X, ...", or right after the quote
            # or its attribution ('..., X said, according to CNN'); not inside quote marks
            if a0 != c0 and not q.rule.relative and not _in_spans(seg_spans, a0) and \
                    (a0 - s0 < 6 and a0 < qs or a0 >= tail and q.fragments[0][1] <= a0 and _short_gap(text[tail:a0])) and \
                    not (m.start < q.mention.end and q.mention.start < m.end) and \
                    not (q.mention.kind == "name" and news_agency(m)):
                # 'According to Interfax, Ryabkov said ...': an agency that relays a named person's
                # words is where the reader learnt them, not who said them
                q.inner = q.inner or q.mention
                q.mention = m
                q.adjustments.append(ACCORDING_SOURCE)
                break
            k -= 1


def _outer_tags(text, ptoks, sent_list, found, seg_spans):
    """'X said Y ..., the report said.' / '... with "...," an Intel spokeswoman said on Tuesday.':
    an inner reported or mixed quote whose sentence closes with an outer ', NP said/reported
    [adverbials].' tag is credited to the outer source (PolNeAR's convention, as for an outer
    'according to X')."""
    qcues = sorted(q.cue[0] for q in found if q.rule.kind != "direct" and q.cue is not None)
    if not qcues:
        return
    tags = []   # (sentence start, comma offset, cue start, mention)
    for pi, lo, hi in sent_list:
        toks = ptoks[pi]
        if hi - lo < 6:
            continue
        k = bisect.bisect_left(qcues, toks[lo][0])
        if k == len(qcues) or qcues[k] >= toks[hi - 1][1]:
            continue   # no reported or mixed quote in this sentence
        for c in range(hi - 2, max(lo + 3, hi - 10) if is_term(toks, hi - 1) else hi - 2, -1):
            w = toks[c][2]
            if w in (",", '"', "\u201d", "\u201c", "''"):
                break
            if w in OUTER_VERBS and toks[c - 1][2] == "," and w not in ("added", "adds", "continued"):
                mi = np_after(text, toks, c, hi)   # inverted: '..., reported the Washington Examiner.'
                j = c + 1
                while mi is not None and j < hi and toks[j][0] < mi.end:
                    j += 1
                if mi is not None and mi.kind in ("name", "org", "group") and tail_is_short(toks, j, hi):
                    if not _in_spans(seg_spans, toks[c][0]):
                        tags.append((toks[lo][0], toks[c - 1][0], toks[c][0], mi))
                    break
            if w not in OUTER_VERBS or not tail_is_short(toks, c + 1, hi):
                continue
            m = np_before(text, toks, c, lo)
            if m is None or m.kind == "relative":
                break
            k = c - 1
            while k > lo and toks[k][0] >= m.start:
                k -= 1
            if toks[k][2] in ("\u201d", "''", '"') and k - 1 > lo and toks[k - 1][2] == ",":
                k -= 1   # '... "a full exchange of views," an Intel spokeswoman said on Tuesday.'
            if toks[k][2] == "," and toks[k + 1][2].lower() not in NOT_OUTER_START and c - k <= 8:
                if not _in_spans(seg_spans, toks[c][0]):
                    tags.append((toks[lo][0], toks[k][0], toks[c][0], m))
            break
        tags.extend(_tags_after_marks(text, toks, lo, hi, seg_spans, tags[-1][1] if tags else None))
    if not tags:
        return
    tags.sort(key=lambda t: t[1])
    commas = [t[1] for t in tags]
    for q in found:
        if q.rule.kind == "direct" or q.cue is None or q.rule.according or \
                ACCORDING_SOURCE in q.adjustments or q.rule.relative or q.rule.tag_after:
            continue
        k = bisect.bisect_right(commas, q.cue[0])
        if k == len(tags):
            continue
        s0, comma, c0, m = tags[k]   # the first tag after the cue
        if not (s0 <= q.cue[0] < comma) or q.cue[0] == c0:
            continue
        fs, fe = q.fragments[-1]
        if fe > comma + 2:
            if not (fs < comma and fe >= m.end) or len(q.fragments) > 1:
                continue   # a parenthetical's own tag ('A, the officials said, B, "...," X said') stays
            # 'X said the vote was delayed, CNN reported': the clause ran on over the outer tag; it ends
            # at the comma (a closing mark right after the comma stays with the quote)
            e = comma
            while e + 1 < len(text) and text[e + 1] in "\u201d\"'":
                e += 1
            q.fragments[-1] = (fs, e + 1 if e > comma else comma)
        if q.mention is not None and (m.start < q.mention.end and q.mention.start < m.end or
                                      m.kind == "pronoun" and q.mention.kind in ("name", "org")):
            continue   # '...X said that ..., he said': the named inner speaker is the same person
        if q.mention is not None and q.mention.kind == "name" and news_agency(m):
            continue   # 'Lavrov said the talks had stalled, Interfax reported': the agency relays Lavrov
        q.inner = q.inner or q.mention
        q.mention = m
        q.adjustments.append(OUTER_TAG)


def _tags_after_marks(text, toks, lo, hi, seg_spans, end_comma):
    """'X said Y "would have no chance," the source recalled, adding ...': a tag right after a partial
    quote whose marks close with a comma, followed by a participle or the sentence end, is an outer tag
    of the clause before it, also inside the sentence (the scan above only reads its last words).
    Yields (sentence start, comma offset, cue start, mention)."""
    for x in range(lo + 2, hi - 2):
        if toks[x][2] != "," or toks[x + 1][2] not in ("\u201d", "''", '"') or toks[x][0] == end_comma:
            continue
        for c in range(x + 3, min(hi, x + 9)):
            w = toks[c][2]
            if w in (",", ".", '"', "\u201c", "\u201d", "''"):
                break
            if w not in OUTER_VERBS:
                continue
            m = np_before(text, toks, c, x + 2)
            if m is not None and m.kind != "relative" and m.start == toks[x + 2][0] and \
                    toks[x + 2][2].lower() not in NOT_OUTER_START and tail_is_short(toks, c + 1, hi) and \
                    not _in_spans(seg_spans, toks[c][0]):
                yield toks[lo][0], toks[x][0], toks[c][0], m
            break


_SHARE = re.compile(r"\b(?:percent|in \d+|in (?:two|three|four|five|ten)|majority|half|third|quarter)\b|%")


def _poll_sources(text, ptoks, sent_list, found):
    """'In a September Washington Post-ABC News poll, 75 percent of Republicans said ...', 'The Q poll
    also finds that, while 37 percent of Americans say ...': a share of respondents speaks for the
    poll earlier in its sentence (PolNeAR credits the poll)."""
    sstarts = [ptoks[pi][lo][0] for pi, lo, hi in sent_list]
    for q in found:
        m = q.mention
        if q.kind == "direct" or m is None or m.kind not in ("group", "name") or \
                not _SHARE.search(text, m.start, m.end) and not _SHARE.search(text[max(0, m.start - 14):m.start]):
            continue
        k = bisect.bisect_right(sstarts, m.start) - 1
        if k < 0:
            continue
        pi, lo, hi = sent_list[k]
        toks = ptoks[pi]
        mi = token_index(toks, m.start, lo)
        # the poll of the share's own clause: '20 percent in a CNN poll said ...; 29 percent said ...'
        first = next((x + 1 for x in range(mi - 1, lo - 1, -1) if toks[x][2] == ";"), lo)
        for j in range(first, mi):
            if toks[j][0] >= m.start:
                break
            if toks[j][2].lower() not in ("poll", "survey"):
                continue
            d = j
            while d > lo and j - d < 8 and toks[d - 1][2] not in (",", ";", ":") and \
                    toks[d][2].lower() not in ("a", "an", "the"):
                d -= 1
            if toks[d][2].lower() in ("a", "an", "the"):
                q.mention = Mention(toks[d][0], toks[j][1], text[toks[d][0]:toks[j][1]], "group", head="poll")


def _merge_shared_cues(found):
    """'"A," X said, adding more words. "B."': B was attributed through the gap after A; it is the
    same attribution, so B becomes a fragment of A's quote (PolNeAR convention)."""
    by_cue = {}
    for q in found:
        if q.cue is not None and not q.rule.shares_cue:
            by_cue.setdefault(q.cue[0], q)
    # a reported clause cut short by an unattributed "direct" quote right after it:
    # "the vice president said, that if ..., ''I would have thrown my body in front of him.''"
    by_start = {}
    for q in found:
        if q.kind == "direct" and q.rule.unattributed and len(q.fragments) == 1:
            by_start[q.fragments[0][0]] = q
    absorbed = set()
    if by_start:
        for q in found:
            if q.kind in ("reported", "mixed") and q.rule.kind == "reported":
                s_, e_ = q.fragments[-1]
                for d in range(0, 4):
                    dq = by_start.get(e_ + d)
                    if dq is not None and id(dq) not in absorbed:
                        q.fragments[-1] = (s_, dq.fragments[0][1])
                        q.kind = "mixed"
                        absorbed.add(id(dq))
                        break
    out = []
    for q in found:
        if id(q) in absorbed:
            continue
        if q.rule.shares_cue and q.cue is not None:
            owner = by_cue.get(q.cue[0])
            if owner is not None and owner is not q and owner.fragments[-1][1] <= q.fragments[0][0]:
                owner.fragments.extend(q.fragments)
                if owner.kind == "reported":
                    owner.kind = "mixed"
                continue
        out.append(q)
    return out


# ----------------------------------------------------------------------------- direct quotes

def _direct(text, paras, ptoks, segs, found):
    by_para: dict[int, list] = {}
    for sg in segs:
        by_para.setdefault(sg.para, []).append(sg)
    spans = []
    prev_group = None        # last direct group (for continuation across paragraphs)
    prev_group_para = -2
    for pi, plist in sorted(by_para.items()):
        ps, pe = paras[pi]
        toks = ptoks[pi]
        info = []
        for k, sg in enumerate(plist):
            b_lo = plist[k - 1].end if k > 0 else ps
            a_hi = plist[k + 1].start if k + 1 < len(plist) else pe
            tb = toks[token_index(toks, b_lo):token_index(toks, sg.start)]
            ta = toks[token_index(toks, sg.end):token_index(toks, a_hi)]
            full = sg.continued or is_full(text, sg, ps, tb, ta)
            aa = attribution_after(text, ta) if full else None
            if full and aa is None and k + 1 < len(plist) and ta and \
                    len(text[plist[k + 1].inner_start:plist[k + 1].inner_end].split()) <= 4 and \
                    not any(is_term(ta, x) for x in range(len(ta))):
                # '"...," Bill Eastland, wearing "Ted Cruz" pins, said.': a short quoted name inside
                # the attribution does not end it
                a_hi2 = plist[k + 2].start if k + 2 < len(plist) else pe
                ta2 = toks[token_index(toks, sg.end):token_index(toks, a_hi2)]
                aa = attribution_after(text, ta2)
                if aa is not None and aa[0][0] < plist[k + 1].end:
                    aa = None
            ab = attribution_before(text, tb) if full else None
            if full and k > 0 and tb and not info[k - 1][1] and not any(is_term(tb, x) for x in range(len(tb))) and \
                    text[plist[k - 1].inner_start:plist[k - 1].inner_end].rstrip()[-1:] not in (".", "!", "?"):
                # 'X shared a syllabus for a class called "Perception" on his page, writing "..."': earlier
                # quoted words of the sentence cut the tag's clause, which is read from the paragraph's start
                ab = attribution_before(text, clause_before(toks, sg.start)) or ab
            info.append((sg, full, aa, ab, tb, ta))
        group = None
        for k, (sg, full, aa, ab, tb, ta) in enumerate(info):
            if not full:
                continue
            if sg.continued and prev_group is not None and prev_group_para == pi - 1 and not (
                    aa is not None and prev_group.mention is not None):
                prev_group.fragments.append((sg.start, sg.end))
                group = prev_group
                if group.mention is None and (aa or ab):
                    a = aa or ab
                    group.cue, group.mention = a[0], a[1]
                    group.rule = SAID_AFTER if aa else SAID_BEFORE
                spans.append((sg.start, sg.end))
                if sg.open_end:
                    prev_group_para = pi
                continue
            joined = False
            kp, gap_toks = k - 1, tb
            if kp > 0 and not info[kp][1] and title_of_work(text[info[kp][0].start:info[kp][0].end]):
                # '"A," he said on "Meet the Press." "B"': the programme's title inside the tag does not
                # part B from A
                kp -= 1
                gap_toks = toks[token_index(toks, info[kp][0].end):token_index(toks, sg.start)]
            if group is not None and kp >= 0 and info[kp][0] is not None and info[kp][1] and aa is None:
                prev_aa = info[kp][2]
                own = prev_aa[0][0] if prev_aa is not None else -1
                gap_has_cue = any(cue_lemma(t[2]) for t in gap_toks if t[0] != own)
                if not gap_toks or (prev_aa is not None and len(gap_toks) <= 14):
                    if not gap_toks or not gap_has_cue:
                        group.fragments.append((sg.start, sg.end))
                        joined = True
            if joined:
                spans.append((sg.start, sg.end))
                continue
            if aa is not None and ab is not None and \
                    text[sg.inner_start:sg.inner_end].rstrip()[-1:] in (".", "\u2026", "?", "!"):
                # 'X told reporters, "...." He added, "..."': a quote that ends its sentence belongs
                # to the tag before it; the tag after it introduces the next one
                aa = None
                info[k] = (sg, full, None, ab, tb, ta)
            if aa is None and ab is not None and ab[1] is not None and ab[1].kind == "relative" and \
                    ab[1].text.lower() in ("that", "which"):
                mp = publisher_of(text, tb, 0, ab[1])
                if mp is not None:
                    ab = (ab[0], mp)   # 'X released a marketing video that said, "..."' -> X
            a = aa or ab
            rule = SAID_AFTER if aa else (SAID_BEFORE if ab else None)
            q = _Q([(sg.start, sg.end)], "direct", a[0] if a else None, a[1] if a else None, rule,
                   rule.confidence if a else CONTEXT_SPEAKER.confidence)
            if aa is None and tb and tb[-1][2] == "," and title_of_work(text[sg.start:sg.end]) and not (
                    len(tb) > 1 and cue_lemma(tb[-2][2])):
                # 'his memoir, "Gifted Hands,"', 'One ad, "Balanced Rebellion,"', 'X said in his 2012 book,
                # "An American Son."': a title in apposition, even after a tag ('X said, "Never Again."' is
                # still a quote)
                continue
            if a is None:
                ctx = QuoteContext(text, sg, k, tb, ta, paras, ptoks, pi)
                for fallback in FALLBACKS:
                    a = fallback.find(ctx)
                    if a is not None:
                        q.cue, q.mention, q.rule, q.conf = a[0], a[1], fallback, fallback.confidence
                        break
            if a is None and title_of_work(text[sg.start:sg.end]):
                continue   # '"Apollo 13,"', '"60 Minutes."' with no tag: a title, which nobody says
            if a is None and prev_group is not None and (prev_group.mention is not None or
                                                         prev_group.mention_override is not None) and \
                    pi - prev_group_para <= 1:
                if pi - prev_group_para == 1 and sg.start == ps and sg.end >= pe - 1:
                    # a paragraph that opens with an untagged quote after a quoted paragraph: one quote in
                    # fragments, as for a quote left open at its paragraph's end
                    prev_group.fragments.append((sg.start, sg.end))
                    spans.append((sg.start, sg.end))
                    prev_group_para = pi
                    continue
                q.mention_override = prev_group
                q.rule = CONTINUATION
                q.conf = CONTINUATION.confidence
            elif a is None:
                q.rule = CONTEXT_SPEAKER
                q.mention_override = "context"
            found.append(q)
            spans.append((sg.start, sg.end))
            group = q
            prev_group = q
            prev_group_para = pi
    return spans


# ----------------------------------------------------------------------------- reported speech

def _reported(text, ptoks, sent_list, segs, seg_spans, direct_spans, found, used_cues):
    dstarts = sorted(direct_spans)
    ds = [s for s, _ in dstarts]

    def blocked(pos):
        k = bisect.bisect_right(ds, pos) - 1
        return k >= 0 and dstarts[k][0] <= pos < dstarts[k][1]

    seg_starts = [a for a, _ in seg_spans]
    cand_para = {}
    for pi, lo, hi in sent_list:
        toks = ptoks[pi]
        # skip sentences that are entirely inside direct quotes
        if blocked(toks[lo][0]) and blocked(toks[hi - 1][0]):
            continue
        if pi not in cand_para:
            cand_para[pi] = [k for k, t in enumerate(toks) if t[2].lower() in CUE_WORDS]
        cpos = cand_para[pi]
        a = bisect.bisect_left(cpos, lo)
        b = bisect.bisect_left(cpos, hi)
        if a == b:
            continue
        cands = cpos[a:b]
        for f in find_in_sentence(text, toks, lo, hi, blocked, used_cues, cands):
            if f.rule is ACCORDING_TO_AFTER and _only_a_tag(text, toks, lo, hi, f, dstarts, ds):
                continue
            frags = []
            for s, e in f.fragments:
                s, e = _trim_blocked(s, e, dstarts, ds)
                if e - s >= (8 if not frags else 4):
                    frags.append((s, e))
            if not frags or frags[-1][0] > f.fragments[-1][0] and _outer_tag_only(text, toks, hi, frags[-1]):
                continue
            kind = "reported"
            for s, e in frags:
                k0 = max(0, bisect.bisect_left(seg_starts, s) - 1)
                for a, b in seg_spans[k0:bisect.bisect_left(seg_starts, e)]:
                    if a < e and b > s:
                        kind = "mixed"
                        if a <= s and b >= e - 1:
                            kind = "direct"
            found.append(_Q(frags, kind, f.cue, f.mention, f.rule, f.confidence))
    # partial quotes no attribution claimed: the predicate of the sentence subject
    claimed_sorted = sorted(fr for q in found for fr in q.fragments)
    claimed_starts = [a for a, _ in claimed_sorted]
    claimed_max = max((b - a for a, b in claimed_sorted), default=0)
    sent_bounds = [(ptoks[pi][lo][0], ptoks[pi][hi - 1][1], pi, lo, hi) for pi, lo, hi in sent_list]
    sstarts = [b[0] for b in sent_bounds]
    for sg in segs:
        if sg.single or blocked(sg.start):
            continue
        if _overlaps(claimed_sorted, claimed_starts, sg.start, sg.end, claimed_max):
            continue
        k = bisect.bisect_right(sstarts, sg.start) - 1
        if k < 0:
            continue
        s0, e0, pi, lo, hi = sent_bounds[k]
        if sg.end > e0 + 2:
            continue
        f = partial_quote_clause(text, ptoks[pi], lo, hi, sg.start, sg.end)
        if f is None:
            continue
        if f.rule is PARTIAL_QUOTE and text[sg.inner_start:sg.inner_end].rstrip()[-1:] == ",":
            # 'Belgium failed to ... and "should have acted sooner," said Ralf Jaeger': a tag right after
            # the marks names who said the quoted words; the quote ends at its marks
            toks = ptoks[pi]
            k = token_index(toks, sg.end, lo, hi)
            tag = attribution_after(text, toks[k:hi])
            if tag is not None and tag[1].kind != "relative":
                f.cue, f.mention = (tag[0][0], tag[0][1], tag[0][2]), tag[1]
                f.fragments = [(a, min(b, sg.end)) for a, b in f.fragments if a < sg.end]
        frags = [fr for fr in (_trim_blocked(a, b, dstarts, ds) for a, b in f.fragments) if fr[1] - fr[0] >= 6]
        if frags:
            q = _Q(frags, "mixed", f.cue, f.mention, f.rule, f.confidence)
            found.append(q)
            for fr in frags:
                i = bisect.bisect_left(claimed_starts, fr[0])
                claimed_starts.insert(i, fr[0])
                claimed_sorted.insert(i, fr)
                claimed_max = max(claimed_max, fr[1] - fr[0])


def _overlaps(spans, starts, s, e, maxlen):
    i = bisect.bisect_left(starts, e) - 1
    while i >= 0 and starts[i] >= s - maxlen:
        if spans[i][1] > s and spans[i][0] < e:
            return True
        i -= 1
    return False


def _only_a_tag(text, toks, lo, hi, f, dstarts, ds):
    """'"...," Obama said of the families, according to a pool report.': once the direct quote is cut
    off, what the 'according to' clause reports is the quote's own tag (a speech verb within its first
    words), not something said."""
    s, e = f.fragments[0]
    s2, e2 = _trim_blocked(s, e, dstarts, ds)
    if s2 == s or e2 <= s2:
        return False
    k = token_index(toks, s2, lo, hi)
    return any(cue_lemma(toks[x][2]) in ("say", "tell", "add", "write", "reply", "respond")
               for x in range(k, min(hi, k + 6)) if toks[x][0] < e2)


def _outer_tag_only(text, toks, hi, frag):
    """'When asked about X, Y said: "...," the Times reported.': once the direct quote is cut off, what
    the clause after 'said:' holds is only the outer tag that closes the sentence, nothing said."""
    k = token_index(toks, frag[0], 0, hi)
    for c in range(k + 1, min(hi, k + 6)):
        if toks[c][2] in OUTER_VERBS:
            m = np_before(text, toks, c, k)
            return m is not None and m.start == toks[k][0] and toks[c][1] >= frag[1] - 1
    return False


def _trim_blocked(s, e, dstarts, ds):
    i = max(0, bisect.bisect_left(ds, s) - 1)
    # direct spans do not overlap each other: only neighbours matter
    for a, b in dstarts[i:bisect.bisect_left(ds, e) + 1]:
        if b <= s or a >= e:
            continue
        if a <= s and b >= e:
            return s, s
        if a <= s < b:
            s = b
        elif s < a < e:
            e = a
    # re-strip
    return s, e


# ----------------------------------------------------------------------------- speakers

_CAPRUN = re.compile(r"[A-Z][\w'\u2019\-]*\.?(?:[ \u00a0]+(?:[A-Z][\w'\u2019\-]*\.?|(?:de|van|von|al|bin)(?= [A-Z])))*")


_RUN_CACHE: dict = {}


def _analyse_run(run):
    """(chars to skip at the start, chars to cut at the end, personish) or None for a cap run; personish is
    2 for a known first name or a title, 1 for two or three capitalised words only, 0 for neither."""
    words = run.split()
    skip = 0
    while words and words[0].lower().rstrip(".") in SENT_START_STOP:
        skip = run.index(words[1], skip + len(words[0])) if len(words) > 1 else len(run)
        words = words[1:]
    if not words:
        return None
    if len(words) > 1 and words[0].endswith(("'s", "\u2019s")) and \
            not any(w.lower().rstrip(".") in TITLES for w in words[1:]):
        return None   # "Germany's Fr\u00fchburgunder", "Clinton's Foundation": what a possessor owns, not a person
    cut = 0
    last = words[-1]
    if last.endswith(".") and not (len(last) == 2 or last.count(".") > 1):
        cut = 1
        words[-1] = last[:-1]
    low = [w.lower().rstrip(".") for w in words]
    has_title = any(x in TITLES for x in low)
    name_words = [w for w, l in zip(words, low) if l not in TITLES and l not in NATIONALITY]
    if not name_words or name_words[-1].lower() in ORG_HEADS:
        return None
    f0 = name_words[0].lower()
    personish = 2 if (len(name_words) >= 2 and (f0 in FEMALE or f0 in MALE)) or (has_title and len(name_words) >= 1) else 0
    if not personish and len(name_words) in (2, 3) and " ".join(name_words).lower() not in PLACES and \
            not any(w.isupper() and len(w) > 1 for w in name_words) and \
            not any(w.lower() in NATIONALITY or w.lower() in ORG_HEADS or w.lower() in NOT_NAME for w in name_words):
        personish = 1   # "Alex Morgan": two or three capitalized words, no place/organisation word (weak)
    if personish or len(name_words) <= 3:
        return skip, cut, personish
    return None


def _title_tail(run):
    """Offset of the first non-title word of a run ('State John Kerry' -> 6), None when only title
    or organisation words are left (plain 'of State')."""
    off = 0
    words = run.split(" ")
    for k, w in enumerate(words):
        wl = w.lower().rstrip(".")
        if wl in TITLES or wl in NATIONALITY or wl in ORG_HEADS or wl in ("homeland", "security", "justice",
                                                                          "health", "labor", "energy",
                                                                          "commerce", "agriculture",
                                                                          "transportation", "education",
                                                                          "treasury", "veterans", "affairs"):
            off += len(w) + 1
            continue
        return off
    return None


def _person_runs(text, s0, e0):
    """Capitalized name runs in a sentence (char offsets) that may be persons:
    (start, end, is_subject, personish)."""
    out = []
    cache = _RUN_CACHE
    for m in _CAPRUN.finditer(text, s0, e0):
        run = m.group()
        r = cache.get(run, 0)
        if r == 0:
            r = _analyse_run(run)
            if len(cache) > 50000:
                cache.clear()
            cache[run] = r
        if r is None:
            continue
        st = m.start() + r[0]
        if text[max(s0, m.start() - 3):m.start()] == "of ":
            # "U.S. Secretary of State John Kerry": the run after "of" starts with the rest of the
            # title; the person's surface name starts after the title words
            rest = _title_tail(run[r[0]:])
            if rest is None:
                continue
            st += rest
        out.append((st, m.end() - r[1], st - s0 <= 25 and not out, r[2]))
    return out


def _resolve(text, ptoks, sent_list, found):
    reg = Registry(text)
    pstarts = [t[0][0] if t else -1 for t in ptoks]
    # full names for surname expansion
    names = []
    runs_by_sent = [_person_runs(text, ptoks[pi][lo][0], ptoks[pi][hi - 1][1]) for pi, lo, hi in sent_list]
    things = _article_things(text)
    runs_by_sent = [[(a, b, subj, 0 if personish == 1 and text[a:b] in things else personish)
                     for a, b, subj, personish in runs] for runs in runs_by_sent]
    for runs in runs_by_sent:
        for a, b, subj, personish in runs:
            if personish:
                names.append(text[a:b])
    reg.prescan(names)
    # events in text order: sentence person mentions and quote speaker mentions
    found.sort(key=lambda q: q.fragments[0][0])
    qmentions = []
    for qi, q in enumerate(found):
        if q.mention is not None:
            qmentions.append((q.mention.start, qi))
        elif q.mention_override is not None:
            qmentions.append((q.fragments[0][0], qi))
        if q.inner is not None:
            qmentions.append((q.inner.start, ~qi))   # resolved at its own place in the text
    qmentions.sort()
    # names inside direct quotes are what the speaker talks about, rarely who "he" is next
    quoted = sorted(f for q in found if q.kind == "direct" for f in q.fragments)
    qm_i = 0
    sent_no = 0
    hist = []   # (sent_no, offset, speaker, bonus, mention text, mention end, quoted: a quote's speaker)
    lw_cache = []

    def lower_words():
        if not lw_cache:
            lw_cache.append(set(_LOWER_WORD.findall(text)))
        return lw_cache[0]

    def resolve_pron(m, sno):
        pl = m.text.lower()
        g = PRONOUNS.get(pl)
        best, best_score = None, -1e9
        for hs, off, sp, bonus, _t, _e, spoke in reversed(hist):
            if off >= m.start:
                continue
            d = sno - hs
            if d > 8:
                break
            if not pronoun_fits(pl, sp) or pl == "i" and not spoke:
                continue   # 'I' outside quotes is the writer, or someone already quoted (a transcript)
            score = -2.0 * d + bonus + (0.5 if g and sp.gender == g else 0) - (m.start - off) / 5000.0
            if score > best_score:
                best, best_score = sp, score
        return best

    def handle_quote(qi, sno):
        q = found[qi]
        m = q.mention
        if m is not None and m.text.lower().replace("\u2019", "'") in EXPLETIVES:
            m = q.mention = None   # 'It's become such a presence that X thanked ... "..."': no speaker
        if m is not None and m.kind != "pronoun":
            base = m.text.lower().replace("\u2019", "'").split("'")[0]
            if base in ("he", "she", "they", "we", "i", "you") and len(m.text) - len(base) in (0, 2, 3):
                # "He's claiming that ...": a contracted pronoun, not a name
                m = q.mention = Mention(m.start, m.start + len(base), m.text[:len(base)], "pronoun")
        sp = None
        if m is None:
            # unattributed direct quote: the subject of the sentence just before, when it is a
            # person (name or he/she) -- "He then had a question for the crowd. "Who pays?""
            qs0 = q.fragments[0][0]
            k = sno
            while k >= 0 and k < len(sent_list) and ptoks[sent_list[k][0]][sent_list[k][1]][0] >= qs0:
                k -= 1
            if 0 <= k < len(sent_list):
                pi_, lo_, hi_ = sent_list[k]
                toks_ = ptoks[pi_]
                if toks_[hi_ - 1][1] <= qs0 and qs0 - toks_[hi_ - 1][1] < 400:
                    subj = sentence_subject(text, toks_, lo_, hi_)
                    # a possessor ("Trump's reversals ...") is not the one who speaks next
                    if subj is not None and not subj.text.endswith(("'s", "\u2019s")) and \
                            not _in_spans(quoted, subj.start) and \
                            not _common_word(lower_words(), subj.text) and (
                            subj.kind == "name" or subj.kind == "pronoun" and subj.text.lower() in ("he", "she")):
                        sp_ = resolve_pron(subj, k + 1) if subj.kind == "pronoun" else reg.person(subj.text)
                        if sp_ is not None and sp_.kind == "person":
                            q.speaker = sp_
                            q.mention = Mention(subj.start, subj.end, subj.text, "context")
                            return
            if isinstance(q.mention_override, _Q):
                return   # continuation: the speaker of the quote it continues (set below)
            best = None
            for hs, off, sp_, bonus, mtext, mend, _spoke in reversed(hist):
                if sno - hs > 6:
                    break
                if off >= q.fragments[0][0] or mtext.endswith(("'s", "\u2019s")) or _common_word(lower_words(), mtext):
                    continue   # "Trump's reversals ...": a possessor is not the one who speaks next
                score = bonus - 1.5 * (sno - hs)
                if best is None or score > best[0]:
                    best = (score, off, mend, sp_, mtext)
            if best is not None:
                q.speaker = best[3]
                q.mention = Mention(best[1], best[2], best[4], "salient")
            return
        q.speaker = sp = resolve_mention(m, sno)
        if sp is not None:
            hist.append((sno, m.start, sp, 1.0 if m.kind == "pronoun" else 1.5, m.text, m.end, True))

    def resolve_mention(m, sno):
        if m.kind == "pronoun":
            return resolve_pron(m, sno)
        if m.kind == "relative":
            return _relative(text, ptoks, m, reg, resolve_pron, sno, pstarts)
        if m.kind == "name" and m.head == "and":
            return reg.group(m.text)     # coordinated: "the United States and Europe"
        if m.kind == "name":
            return reg.person(m.text)
        if m.kind == "org":
            return reg.person(m.text, org=True)
        return reg.group(m.text)

    def handle(x, sno):
        if x >= 0:
            handle_quote(x, sno)
        else:
            inner_at.append((~x, sno))

    # the person an outer source reports is resolved after every other mention, as of its own
    # sentence: the speakers credited so far (and so PolNeAR's output) stay exactly as they were
    inner_at = []

    prev_subject = None   # person subject of the previous sentence
    for pi, lo, hi in sent_list:
        toks = ptoks[pi]
        s_end = toks[hi - 1][1]
        runs = runs_by_sent[sent_no]
        # gender shown by the text: "Cameron flew to Sochi. He ..." -> Cameron is "m"
        w0 = toks[lo][2]
        if prev_subject is not None and prev_subject.gender is None and w0 in ("He", "She"):
            prev_subject.gender = "m" if w0 == "He" else "f"
        prev_subject = None
        events = []
        for a, b, subj, personish in runs:
            events.append((a, 0, (a, b, subj, personish)))
        while qm_i < len(qmentions) and qmentions[qm_i][0] < s_end:
            events.append((qmentions[qm_i][0], 1, qmentions[qm_i][1]))
            qm_i += 1
        events.sort(key=lambda x: (x[0], -x[1]))
        for off, typ, payload in events:
            if typ == 1:
                handle(payload, sent_no)
            else:
                a, b, subj, personish = payload
                surf = text[a:b]
                # the surname lookup only for runs that are not personish already
                if (personish or surf.split()[-1].lower().strip(".,") in reg.by_last) and \
                        not _place_after_preposition(text, a, b):
                    sp = reg.person(surf)
                    if sp is not None:
                        bonus = (1.0 if subj else 0.0) - (QUOTED_PENALTY if _in_spans(quoted, a) else 0.0)
                        hist.append((sent_no, off, sp, bonus, surf, b, False))
                        if subj and sp.kind == "person" and prev_subject is None:
                            prev_subject = sp
        sent_no += 1
    while qm_i < len(qmentions):
        handle(qmentions[qm_i][1], sent_no)
        qm_i += 1
    for qi, sno in inner_at:
        found[qi].inner_speaker = resolve_mention(found[qi].inner, sno)
    _continued_speakers(found)

    quotes = []
    rule_of: list[Rule] = []   # the rule of each quote, in step with quotes
    kept: list[_Q] = []        # the found quote of each, in step with quotes
    para_starts = sorted(p for p in pstarts if p >= 0)
    for q in found:
        frags = sorted(set((s, e) for s, e in q.fragments if e > s))
        if not frags:
            continue
        s, e = frags[0][0], frags[-1][1]
        m = q.mention
        sp = q.speaker
        cue = q.cue
        if q.rule is CONTINUATION and (m is None or _paragraph_gap(para_starts, m.end, s) >= 1):
            continue   # a quote in a later paragraph with more text around it: who said it is a guess
        if q.rule is CONTEXT_SPEAKER and (m is None or _paragraph_gap(para_starts, m.end, s) >= 2 or
                                          # salience alone, in the quote's own paragraph: right 1 time in 3
                                          m.kind == "salient" and _paragraph_gap(para_starts, m.end, s) == 0 or
                                          m.text.isupper() or _in_spans(quoted, m.start)):
            continue   # an untagged quote whose only candidate speaker is two paragraphs back: a guess
        rule_of.append(q.rule)
        kept.append(q)
        quotes.append(Quote(
            start=s, end=e, fragments=frags, text=text[s:e], kind=q.kind,
            cue=cue[2] if cue else None, cue_start=cue[0] if cue else None, cue_end=cue[1] if cue else None,
            speaker=sp.name if sp is not None else (m.text if m is not None and m.kind not in ("pronoun", "relative") else None),
            speaker_mention=m.text if m is not None else None,
            speaker_start=m.start if m is not None else None,
            speaker_end=m.end if m is not None else None,
            speaker_role=sp.role if sp is not None else None,
            confidence=round(max(0.0, min(1.0, q.conf if sp is not None or m is None else q.conf - 0.1)), 3),
            rule=q.rule.name + "".join("+" + adj.name for adj in q.adjustments)))
    inner_of = {id(qt): q for qt, q in zip(quotes, kept) if q.inner is not None}
    rule_of = {id(qt): r for qt, r in zip(quotes, rule_of)}
    quotes = _dedupe(quotes)
    quotes.sort(key=lambda x: (x.start, x.end))
    quotes = _not_inside_quoted_words(quotes, rule_of)
    for qt in quotes:
        q = inner_of.get(id(qt))
        if q is not None:
            _credit_the_person(qt, q.inner, q.inner_speaker, q.speaker, q.rule)
    names = {q.speaker for q in quotes if q.speaker}
    speakers = [sp for sp in reg.speakers if sp.name in names]
    known = {sp.name for sp in speakers}
    for q in quotes:   # every speaker a quote refers to is listed
        if q.speaker and q.speaker not in known:
            speakers.append(Speaker(name=q.speaker, kind="unknown", role=q.speaker_role,
                                    aliases=[q.speaker_mention] if q.speaker_mention and
                                    q.speaker_mention.lower() not in PRONOUNS else [], gender=None))
            known.add(q.speaker)
    return quotes, speakers


def _credit_the_person(qt: Quote, inner: Mention, inner_speaker: Speaker | None, outer_speaker: Speaker | None,
                       rule: Rule) -> None:
    """'X said the vote was delayed, CNN reported', '"...," Obama said, according to a pool report':
    the outer source PolNeAR credits (the quote's speaker so far) becomes ``reported_by`` and the
    person whose words they are the speaker, as a desk reads it; ``to_prediction`` writes the outer
    source back as the speaker for the scorer. Only a credible inner speaker is moved forward: one
    resolved to somebody, not an adverb or an abstraction ('thus', 'the news'), and a person by name
    or pronoun when the outer source is itself a person (in 'Social media has added another link
    ..., she noted' the outer tag is the attribution and the inner subject none)."""
    if inner_speaker is None or inner_speaker.name == (outer_speaker.name if outer_speaker else None):
        return
    first = inner.text.split()[0].lower()
    if inner.kind not in ("pronoun", "relative") and (
            not_a_speaker_word(inner) or not speaking_head(inner) or first in FUNCTION and first not in DETERMINERS):
        return
    if inner.kind == "relative" and inner_speaker.kind != "person":
        return   # 'the men were wearing shirts that read "..."': the antecedent is a thing
    outer_is_person = outer_speaker is None or outer_speaker.kind == "person"
    if (outer_is_person or rule.subject_elsewhere) and not (
            inner_speaker.kind == "person" and inner.kind in ("name", "pronoun", "relative")):
        return
    qt.reported_by = qt.speaker   # None for an unresolved pronoun ('..., they said')
    qt.reported_by_mention, qt.reported_by_start, qt.reported_by_end = \
        qt.speaker_mention, qt.speaker_start, qt.speaker_end
    qt.reported_by_role = qt.speaker_role
    qt.speaker = inner_speaker.name
    qt.speaker_mention, qt.speaker_start, qt.speaker_end = inner.text, inner.start, inner.end
    qt.speaker_role = inner_speaker.role


# "the|a|an" after a word boundary, written to open with the character class [TtAa] (the boundary and
# the rest checked behind it) so the regex engine skips ahead to candidate letters: this runs over the
# whole article, twice as fast as a pattern opening with the boundary
_ARTICLED = re.compile(r"[TtAa](?<=\b[TtAa])(?:(?<=[Tt])he|(?<=[Aa])n?)\s+(?:[a-z][a-z\-]+\s+)?"
                       r"([A-Z][\w'\u2019\-]*(?:[ \u00a0]+[A-Z][\w'\u2019\-]*){1,2})"
                       r"(?=\s*[,.;:!?)\u201d\"]|\s+(?:to|and|but|or|is|was|are|were|has|had|in|at|on|of|for|with|"
                       r"that|which)\b)")


def _article_things(text):
    """Capitalised runs the article also writes after an article and closes there ('hundreds of varieties
    of the Pinot Noir, but', 'a biennial Fr\u00fchburgunder Forum to'): a thing or an event, as people's
    names take no article; 'the Hillary Clinton campaign' (a modifier) is not counted."""
    return {m.group(1) for m in _ARTICLED.finditer(text)}


_LOCATIVE = re.compile(r"(?:^|\W)(?:in|at|near|outside|inside)\s+(?:the\s+|downtown\s+)?$", re.I)


def _place_after_preposition(text, a, b):
    """'The rally was held in Las Vegas', 'spoke at Doral': a capitalised run after a locative preposition
    names a place, which no later he or she refers to (a possessive 'in Trump's view' is a person)."""
    return not text[a:b].endswith(("'s", "\u2019s")) and bool(_LOCATIVE.search(text, max(0, a - 20), a))


def _paragraph_gap(pstarts, a, b):
    """How many paragraph starts lie in (a, b]: 0 within one paragraph, 1 for the paragraph after.
    pstarts is sorted."""
    return bisect.bisect_right(pstarts, b) - bisect.bisect_right(pstarts, a)


def _continued_speakers(found):
    """Continuation quotes take the speaker of the group they continue."""
    for q in found:
        if q.mention is None and isinstance(q.mention_override, _Q):
            src = q.mention_override
            while src.mention is None and isinstance(src.mention_override, _Q) and src.mention_override is not src:
                src = src.mention_override
            q.mention = src.mention
            q.speaker = src.speaker
            q.cue = None


QUOTED_PENALTY = 6.0
_LOWER_WORD = re.compile(r"(?<![\w'\u2019])[a-z][a-z\-]+(?![\w'\u2019])")


def _common_word(lowercase_words, mtext):
    """A one-word capitalised mention that the article also writes in lowercase ('Voices like
    those ...' / 'voices'): a sentence-initial common noun, not a name."""
    return " " not in mtext and mtext[:1].isupper() and len(mtext) >= 3 and mtext.lower() in lowercase_words


def _relative(text, ptoks, m, reg, resolve_pron, sno, pstarts):
    pk = bisect.bisect_right(pstarts, m.start) - 1
    for toks in ptoks[max(0, pk):pk + 1]:
        if toks and toks[0][0] <= m.start <= toks[-1][1]:
            k = token_index(toks, m.start)
            if k - 1 >= 0 and (toks[k - 1][2] in (",", "(") or toks[k - 1][2] in DASHES):
                # 'Ann Cole, who ...', 'Ann Cole - who ...', 'Ann Cole (who ...': the noun phrase before
                ante = np_before(text, toks, k - 1, max(0, k - 30))
            else:
                ante = np_before(text, toks, k, max(0, k - 30))
            if ante is None:
                return None
            if ante.kind == "pronoun":
                return resolve_pron(ante, sno)
            if ante.kind == "name":
                return reg.group(ante.text) if ante.head == "and" else reg.person(ante.text)
            if ante.kind == "org":
                return reg.person(ante.text, org=True)
            if ante.kind == "group":
                return reg.group(ante.text)
            return None
    return None


def _not_inside_quoted_words(quotes, rule_of):
    """Drop a quote whose speaker was taken from another clause (a partial quote, coordinated verbs, a
    participle, a relative) when that speaker lies inside the words of a direct quote, a closing tag's
    quote, a participle or a parenthetical ('"... mayor of the City of Harbourton," X tells the Gazette,
    responding to news that the council deemed her letters "confidential"': the city is part of what X
    said, not a source; on train 7 such quotes were matched, none with the right speaker).

    :param quotes: the kept quotes, sorted by start
    :param rule_of: the rule of each quote, by id(quote)
    """
    def holds_words(r):
        return r.kind == "direct" or r.tag_after or r is PARTICIPLE or r is PARENTHETICAL

    starts = [q.start for q in quotes]
    maxlen = max((q.end - q.start for q in quotes), default=0)
    out = []
    for q in quotes:
        ss = q.speaker_start
        if ss is not None and rule_of[id(q)].subject_elsewhere:
            j = bisect.bisect_right(starts, ss) - 1
            inside = False
            while j >= 0 and starts[j] >= ss - maxlen and not inside:
                o = quotes[j]
                inside = o is not q and ss < o.end and holds_words(rule_of[id(o)]) and \
                    any(a <= ss < b for a, b in o.fragments)
                j -= 1
            if inside:
                continue
        out.append(q)
    return out


def _dedupe(quotes):
    """Drop quotes whose span is (nearly) inside a higher-confidence overlapping quote.
    Overlap checks only look at nearby kept quotes, so the cost stays linear in practice."""
    order = sorted(quotes, key=lambda q: (-q.confidence, q.start))
    kept_starts: list[int] = []
    kept: list = []
    maxlen = 0
    for q in order:
        qlen = sum(e - s for s, e in q.fragments)
        i = bisect.bisect_left(kept_starts, q.end)
        clash = False
        j = i - 1
        while j >= 0 and kept_starts[j] > q.start - maxlen - 1:
            k = kept[j]
            if k.end > q.start:
                inter = 0
                for s, e in k.fragments:
                    for a, b in q.fragments:
                        lo, hi = max(s, a), min(e, b)
                        if hi > lo:
                            inter += hi - lo
                if inter and inter >= 0.5 * qlen:
                    clash = True
                    break
            j -= 1
        if not clash:
            kept_starts.insert(i, q.start)
            kept.insert(i, q)
            maxlen = max(maxlen, q.end - q.start)
    return kept


# ----------------------------------------------------------------------------- the rules decided here

CONTINUATION = Rule("direct.continuation", "direct", _direct, _continued_speakers,
                    "an untagged quote in the paragraph after a tagged one: the speaker of the quote it continues "
                    "(a paragraph that is only the quote joins the quote before as a fragment; dropped when the "
                    "quote it continues is in an earlier paragraph and its own paragraph holds more)",
                    confidence=0.4, unattributed=True)
CONTEXT_SPEAKER = Rule("direct.context_speaker", "direct", _direct, _resolve,
                       "an untagged quote with no quote before it: the person subject of the sentence before, "
                       "or the most salient recent speaker; dropped when that is two paragraphs back or more, or a "
                       "salient person of the quote's own paragraph", confidence=0.5, unattributed=True)
ACCORDING_SOURCE = Rule("according_to", "adjustment", _according_sources, according_mention,
                        "a quote whose sentence also says 'according to X' outside it takes X (PolNeAR credits "
                        "the outer source)")
OUTER_TAG = Rule("outer_tag", "adjustment", _outer_tags, np_before,
                 "an inner reported quote in a sentence closing ', the report said.' takes the outer source")

RULES = (CONTINUATION, CONTEXT_SPEAKER, ACCORDING_SOURCE, OUTER_TAG)
