"""Whom a question is about, when it is about a person or body itself: by name ("who is
Revenko"), or by a post ("who is the president of Belarus": whoever the facts describe so, or
the titles the sources give); a post that nobody holds in the facts; and who speaks for a body
(the officials whose titles name it)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from belarus_nato_cli.ask import person
from belarus_nato_cli.ask.parse import is_content, profile_subjects, tokens
from belarus_nato_cli.ask.words import lexicon_forms, stems
from belarus_nato_cli.index.profiles import profile
from belarus_nato_cli.index.search import Search
from belarus_nato_cli.index.store import Store

# the entities and topics some words name ({id: "entity" or "topic"}), and the tokens they use
Mentions = Callable[[list[str]], tuple[dict[str, str], set[int]]]
# a relative clause or a question inside the words: not a plain post
_CLAUSE = re.compile(r"\b(?:who|whom|whose|that|which|when|where|what)\b")


@dataclass(frozen=True)
class Profiled:
    profile: dict[str, Any]
    asked_title: str  # "is X a deputy minister": the title asked about, or ""
    statements: list[str]  # the ids of the statements the profile rests on, best first


class People:
    def __init__(self, store: Store, search: Search, mentions: Mentions) -> None:
        self.store = store
        self.search = search
        self.mentions = mentions
        self._voices: dict[str, tuple[str, ...]] = {}

    def about(self, lowered: str, top: int) -> Profiled | str | None:
        """For "who is X" and the like: X's profile and the statements behind it; or, for a
        post nobody holds in the facts, why not; None when the question is not about one
        known person or body itself."""
        for who, rest in profile_subjects(lowered):
            # "who is the president of Belarus": a post names its holder
            prof = self._profile_of(who, by_post=not rest and lowered.startswith("who"))
            if prof is None:
                continue
            if rest and not (
                prof["titles"] and person.asks_about_title(rest, prof, self._spellings(rest))
            ):
                continue
            return Profiled(prof, rest, self._behind(prof, top))
        for who, rest in profile_subjects(lowered):
            if not rest and lowered.startswith("who") and self._unheld_post(who):
                return f"the facts name no one as {who!r}"
        return None

    def _unheld_post(self, words: str) -> bool:
        """ "Poland's defence minister", "the foreign minister of Belarus": a post (a few
        words, one of them used in the titles the sources give or the facts' descriptions of
        people, beside the names of states or bodies) that nobody holds in the facts."""
        if _CLAUSE.search(words):
            return False  # "the official who said ...": described by a deed, not a post
        toks = tokens(words)
        found, used = self.mentions(toks)
        entities = [i for i, what in found.items() if what == "entity"]
        kinds = self.search.kinds_and_descriptions(entities) if entities else {}
        if any(kind == "person" for kind, _ in kinds.values()):
            return False
        post = [t for i, t in enumerate(toks) if i not in used and is_content(t)]
        if not 1 <= len(post) <= 3:
            return False
        people = self.search.described("person")
        known = stems(" ".join(about for _, about in people))
        if not any(
            self.search.titles_with([lexicon_forms(self.store.lexicon, w)[0] or [w]])
            or stems(w) & known
            for w in post
        ):
            return False
        if self._holder(words, toks, used, entities, people):
            return False
        # a title that merely holds the words is not the post ("Assistant to the Defence
        # Minister"): they must be most of it
        titled, _ = self.titled(post, entities, least=0.5)
        return not titled

    def _behind(self, prof: dict[str, Any], top: int) -> list[str]:
        """The statements a profile rests on: those behind its titles, then (for someone the
        sources give fewer titles) those the person or body takes part in."""
        ids = person.statement_order(prof)[:top]
        if len(ids) < top:
            more = self.search.named_statements("entity", prof["id"], None, top + len(ids))
            ids = list(dict.fromkeys([*ids, *self.search.ids_of(more)]))[:top]
        return ids

    def _profile_of(self, words: str, by_post: bool = False) -> dict[str, Any] | None:
        """The profile of the one entity these words name, if they name nothing else and the
        facts describe it or give it a title; `by_post`: or of the one person the facts
        describe by them."""
        toks = tokens(words)
        found, used = self.mentions(toks)
        entities = [i for i, what in found.items() if what == "entity"]
        # ("viktor khrenine": the given name beside an alias of his is his)
        theirs = {w for e in entities for name in self.search.names_of(e) for w in tokens(name)}
        leftover = [
            t for i, t in enumerate(toks) if i not in used and is_content(t) and t not in theirs
        ]
        if by_post and leftover:
            held = self._holder(words, toks, used, entities)
            entities, leftover = ([held], []) if held else ([], leftover)
        if len(entities) != 1 or leftover:
            return None
        prof = profile(self.store, entities[0])
        if prof is None or not (prof["description"] or prof["titles"]):
            return None
        return prof

    def _holder(
        self,
        words: str,
        toks: list[str],
        used: set[int],
        entities: list[str],
        people: list[tuple[str, str]] | None = None,
    ) -> str | None:
        """The one person the facts describe by these words (a post); a name among them
        stands for its entity, in any of its names ("belarus": "Belarusian"). `people`: the
        described people, when read already."""
        names = {e: self.search.names_of(e) for e in entities}
        asked = []
        for i, t in enumerate(toks):
            if not is_content(t):
                continue
            mine = [n for ns in names.values() if any(t in n.split() for n in ns) for n in ns]
            asked.append(" ".join([t, *mine]) if i in used else t)
        if people is None:
            people = self.search.described("person")
        return person.holder(asked, people, self._spellings(words))

    def _spellings(self, text: str) -> dict[str, str]:
        """Each word's spelling variants mapped to one form (defence/defense)."""
        out = {}
        for word in re.findall(r"[a-z]+", text.lower()):
            for variant, kind in self.store.lexicon(word):
                if kind == "spelling":
                    out[variant] = word
        return out

    def voices(self, body: str) -> tuple[str, ...]:
        """Who speaks for a body the facts name (not a person): the speakers whose title, as
        a source gives it, names it ("deputy chief of the defence ministry's ... department"
        speaks for the defence ministry)."""
        if body not in self._voices:
            found = self.search.entity(body)
            speakers: list[str] = []
            if found is not None and found[0] != "person":
                for name in self.search.names_of(body):
                    words = [[w] for w in tokens(name) if is_content(w)]
                    if len(words) > 1:
                        speakers += [s for s, _ in self.search.titles_with(words) if s != body]
            self._voices[body] = tuple(dict.fromkeys(speakers))
        return self._voices[body]

    def titled(
        self, words: list[str], named: list[str], least: float = 0.0
    ) -> tuple[list[str], bool]:
        """The speakers whose title, as some source gives it, has all these words and is most
        nearly just them (with the names the description also gives: "Belarusian"), if they
        are at least `least` of its words; and whether a title with the words was left out
        for naming a party the question does not."""
        forms, said = [], set()
        for word in words:
            exact, _ = lexicon_forms(self.store.lexicon, word)
            forms.append(exact or [word])
            said |= set(exact or [word])
        for ident in named:
            said |= {w for name in self.search.names_of(ident) for w in name.split()}
        titled = [
            (s, [t for t in tokens(title) if is_content(t)])
            for s, title in self.search.titles_with(forms)
        ]
        # "Latvia's interior minister" is not the Polish one: a title that names a party the
        # question does not name is someone else's
        others = (
            {
                n
                for n, _, _ in self.search.names_among(
                    sorted({t for _, content in titled for t in content} - said)
                )
            }
            if named
            else set()
        )
        best: dict[str, float] = {}
        someone_elses = False
        for speaker, content in titled:
            if others & set(content):
                someone_elses = True
                continue
            share = sum(t in said for t in content) / max(len(content), 1)
            best[speaker] = max(best.get(speaker, 0.0), share)
        top = max(best.values(), default=0.0)
        return sorted(s for s, share in best.items() if share == top >= least), someone_elses
