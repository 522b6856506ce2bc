"""Speaker mentions: find the noun phrase of an attribution, clean it into a canonical speaker,
merge aliases within the article and resolve pronouns to the most salient earlier person."""
from __future__ import annotations

import re

from .lexicon import (FEMALE, GROUP_HEADS, GROUP_PROPER, MALE, NATIONALITY, ORG_HEADS, PERSON_NOUNS, PLACES,
                      PLURAL_NO_S, PRONOUNS, TITLES)
from .model import Speaker


def split_name(mention_text):
    """'U.N.-Arab League envoy on the Syria crisis Lakhdar Brahimi' -> ('Lakhdar Brahimi', role);
    'Sen. Tom Harkin of Iowa' -> ('Tom Harkin', 'Sen. of Iowa'); 'the mayor of Cheyenne' -> ('', role)."""
    before, sep, after = mention_text.rpartition(" of ")
    if sep and after[:1].isupper() and all(w[:1].isupper() for w in after.split()):
        where = _split_name(after)
        if not where[0] or where[1] is None:
            # "X of <place or organisation>": the place is where X comes from, not X's name
            name, role = _split_name(before)
            bl = before.split()[-1].lower()
            if bl in ORG_HEADS or bl in GROUP_HEADS or bl in PERSON_NOUNS:
                # "the Department of Homeland Security": an organisation; "Supporters of Ann Cole",
                # "Friends of Abe": a group, named by the whole phrase
                return "", None
            if name and not before.lower().startswith("the "):
                return name, ((role + " ") if role else "") + "of " + after
            if not name and before.split() and before.split()[-1].islower():
                return "", mention_text   # "the mayor of Cheyenne": a role, nobody named
    return _split_name(mention_text)


def _split_name(mention_text):
    words = mention_text.replace("\u2019s ", " ").split()
    if words and words[-1].endswith(("'s", "\u2019s")) and len(words[-1]) > 2:
        words[-1] = words[-1][:-2]   # "Tom Reed's claim that": the possessor
    # trailing run of capitalized non-title words
    k = len(words)
    while k > 0:
        w = words[k - 1]
        wl = w.lower().rstrip(".,")
        if not w[:1].isupper() and not (wl in ("de", "van", "von", "bin", "al") and k < len(words)):
            break
        if wl in TITLES or wl in NATIONALITY:
            break
        k -= 1
    # allow "J." initials and suffixes
    name_words = words[k:]
    while name_words and name_words[0].lower().rstrip(".") in ("the",):
        name_words = name_words[1:]
    role = " ".join(words[:k]).strip(" ,") or None
    if role and role.lower() in ("the", "a", "an"):
        role = None
    name = " ".join(name_words).strip(" ,")
    if name.endswith(",") or name.endswith("."):
        if not re.search(r"\b[A-Z]\.$|Jr\.$|Sr\.$", name):
            name = name.rstrip(",.")
    return name, role


_FEMALE_ROLE = re.compile(r"\b(mrs|ms|miss|spokeswoman|chairwoman|congresswoman|businesswoman|queen|princess|lady|sister|madam)\b")
_MALE_ROLE = re.compile(r"\b(mr|spokesman|chairman|congressman|businessman|king|prince|lord|sir|father)\b")


def gender_of(words_lower, role):
    if role:
        rl = role.lower()
        if _FEMALE_ROLE.search(rl):
            return "f"
        if _MALE_ROLE.search(rl):
            return "m"
    if words_lower:
        f = words_lower[0]
        if f in FEMALE:
            return "f"
        if f in MALE:
            return "m"
    return None


class Registry:
    """Speakers of one article: alias merging and salience for pronoun resolution."""

    def __init__(self, text):
        self.text = text
        self.speakers: list[Speaker] = []
        self.by_last: dict[str, Speaker] = {}
        self.by_name: dict[str, Speaker] = {}
        self.full_names: dict[str, str] = {}     # last name -> longest full name seen in text
        # split_name of each mention text met so far: an article names the same people again and again
        self._split_names: dict[str, tuple[str, str | None]] = {}
        # gender_of per (name, role text): a person whose gender stays unknown is asked again at each mention
        self._genders: dict[tuple[str, str], str | None] = {}

    def prescan(self, names):
        """names: list of (surface) capitalized person-like runs from the article."""
        for n in names:
            parts = n.split()
            if len(parts) >= 2:
                last = parts[-1].lower().strip(".,")
                cur = self.full_names.get(last)
                if cur is None or (len(n) > len(cur) and len(parts) <= 4):
                    self.full_names[last] = n

    def person(self, mention_text, org=False):
        if mention_text.lower().removeprefix("the ") in PLACES:
            return self.person_place(mention_text)
        name, role = self._name_and_role(mention_text)
        if not name:
            if role or " of " in mention_text:
                return self.group(mention_text)
            return None
        words = name.split()
        last = words[-1].lower().strip(".,")
        if len(words) == 1 and (last in GROUP_PROPER or last.endswith("ists")):
            return self.group(mention_text)          # "Democrats", "Americans", "Republicans"
        if len(words) == 1 and (name.isupper() and 2 <= len(name.strip(".,")) <= 6 and not role):
            org = True                               # "DNC", "FBI", "NATO": an acronym names an organisation
        if name.lower() in PLACES:
            org = True                               # "Washington", "Pennsylvania"
        if org or last in ORG_HEADS or (mention_text.lower().startswith("the ") and len(words) >= 1 and not role):
            disp = mention_text if mention_text.lower().startswith("the ") else name
            return self._organisation(name.lower(), disp, mention_text)
        sp = self.by_last.get(last)
        if sp is not None and len(words) > 1:
            # compatible first name?
            f0 = words[0].lower()
            cf = sp.name.split()[0].lower()
            if len(sp.name.split()) > 1 and f0 != cf and not cf.startswith(f0[:1]) and f0 not in ("j.",):
                sp = None
        if sp is None:
            full = name
            if len(words) == 1:
                full = self.full_names.get(last, name)
                full_n, _ = self._name_and_role(full)
                full = full_n or name
            sp = Speaker(name=full, kind="person", role=role, aliases=[], gender=None)
            self.by_last[last] = sp
            self.speakers.append(sp)
        else:
            if len(words) > len(sp.name.split()):
                sp.name = name
            if role and not sp.role:
                sp.role = role
        if mention_text not in sp.aliases:
            sp.aliases.append(mention_text)
        if sp.gender is None:
            sp.gender = self._gender(sp.name, role or mention_text)
        return sp

    def _name_and_role(self, mention_text):
        """split_name, remembered for this article."""
        split = self._split_names.get(mention_text)
        if split is None:
            split = self._split_names[mention_text] = split_name(mention_text)
        return split

    def _gender(self, name, role_text):
        """gender_of the name's words and the role text, remembered for this article."""
        key = (name, role_text)
        gender = self._genders.get(key, "")
        if gender == "":
            gender = self._genders[key] = gender_of([w.lower() for w in name.split()], role_text)
        return gender

    def person_place(self, mention_text):
        """'North Korea said', 'the United States warned': a country or city speaks as an organisation."""
        return self._organisation(mention_text.lower().removeprefix("the "), mention_text, mention_text)

    def _organisation(self, key, display, mention_text):
        sp = self.by_name.get(key)
        if sp is None:
            sp = Speaker(name=display, kind="organisation", role=None, aliases=[], gender=None)
            self.by_name[key] = sp
            self.speakers.append(sp)
        if mention_text not in sp.aliases:
            sp.aliases.append(mention_text)
        return sp

    def group(self, mention_text):
        t = mention_text.strip()
        key = t.lower()
        sp = self.by_name.get(key)
        if sp is None:
            head = key.split()[-1] if key.split() else key
            kind = "organisation" if head in ORG_HEADS or head in ("newspaper", "paper", "agency", "campaign", "committee", "department", "ministry", "government", "administration", "company", "network", "website", "court") else "group"
            sp = Speaker(name=t, kind=kind, role=None, aliases=[], gender=None)
            if head in ("spokeswoman", "congresswoman", "chairwoman", "woman", "mother", "wife"):
                sp.gender = "f"
            elif head in ("spokesman", "congressman", "chairman", "man", "father", "husband"):
                sp.gender = "m"
            self.by_name[key] = sp
            self.speakers.append(sp)
        if t not in sp.aliases:
            sp.aliases.append(t)
        return sp


def _plural(sp):
    """A group named by a plural noun phrase ('supporters', 'Democratic officials', 'Republicans')."""
    head = sp.name.lower().split()[-1] if sp.name.split() else ""
    return sp.kind == "group" and (head in PLURAL_NO_S or head.endswith("s") and not head.endswith(("ss", "us", "is")))


def pronoun_fits(pl, sp):
    """Can the lowercase pronoun pl refer to speaker sp?  They/we/it: not a person; he/she/I: a
    person whose known gender does not disagree."""
    if pl == "it":
        return sp.kind != "person" and not _plural(sp)   # 'it' is one thing: never 'supporters'
    if pl in ("they", "them", "we"):
        return sp.kind != "person"
    if pl in ("he", "she", "i"):
        g = PRONOUNS.get(pl)
        return sp.kind == "person" and not (g and sp.gender and sp.gender != g)
    return True
