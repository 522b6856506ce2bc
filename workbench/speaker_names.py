"""Telling a speaker's name from a generic descriptor ("Her campaign", "she", "officials").

A descriptor names somebody only inside its own article: "Her campaign" is Clinton's in one
story and Jane Doe's in the next. So a descriptor must never become a global alias or a
global merge; a name ("The Clinton campaign", "Lavrov") may.
"""
from __future__ import annotations

from .extract.lexicon import DETERMINERS, GROUP_HEADS, POSSESSIVES, PRONOUNS

# People nouns the extractor's group heads miss: "Kremlin spokesman", "U.S. diplomats".
_PEOPLE = GROUP_HEADS | {
    "spokesman", "spokeswoman", "spokesperson", "official", "officials", "source", "sources",
    "aide", "aides", "adviser", "advisers", "lawyer", "lawyers", "attorney", "attorneys",
    "witness", "witnesses", "resident", "residents", "diplomat", "diplomats", "minister",
    "ministers", "president", "senator", "leader", "leaders", "chief", "director",
}
# A lone organisation noun ("Campaign said" at a sentence start) is generic too.
_ORGS = {"campaign", "government", "administration", "ministry", "police", "court",
         "company", "agency", "party", "statement", "report", "newspaper", "paper"}


def _words(name: str) -> list[str]:
    return [w.strip(".,;:'\u2019\"") for w in (name or "").split()]


def is_descriptor(name: str | None) -> bool:
    """``True`` for a pronoun, a possessive phrase or a role noun phrase without a name.

    "Her campaign", "he", "the spokesman", "Officials", "a senior official" are
    descriptors; "The Clinton campaign", "Sergei Lavrov", "NATO" are names. The first word
    is judged by its spelling only, since it is capitalised at the start of a sentence.

    :param name: a speaker's canonical name or an alias
    """
    words = [w for w in _words(name or "") if w]
    if not words:
        return True
    first = words[0].lower()
    if first in PRONOUNS or first in POSSESSIVES:
        return True
    rest = words[1:]
    if any(w[:1].isupper() or w[:1].isdigit() for w in rest):
        return False  # a capitalised word after the first is a name ("The Clinton campaign")
    if rest:
        # "the spokesman", "a senior official", "U.S. officials", "Kremlin spokesman".
        return first in DETERMINERS or words[0][:1].islower() or rest[-1].lower() in _PEOPLE
    # One word: a lowercase word or a role noun is generic, a capitalised word a name.
    return words[0][:1].islower() or first in _PEOPLE or first in _ORGS


def names_only(aliases: list[str]) -> list[str]:
    """The aliases that are names, descriptors dropped (what may become global aliases)."""
    return [a for a in aliases if not is_descriptor(a)]
