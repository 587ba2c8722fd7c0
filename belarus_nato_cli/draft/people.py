"""People the article introduces: a full name with a title before it ("Maj.-Gen. Andrei
Sivets") or in commas after it ("Jūratė Paulauskienė, a senior researcher at ...,").

News prose introduces a person once, by full name and title, and then writes the surname
alone ("Sivets told reporters"). Each person introduced becomes a draft entity at once, with
the surname as an alias and the title remembered, so a later surname, "he" or "the
spokesman" finds the full name, whether or not the person spoke in the sentence that
introduced them.
"""

from __future__ import annotations

from belarus_nato_cli.draft import names
from belarus_nato_cli.draft.aliases import AliasTable
from belarus_nato_cli.draft.memory import Memory, View
from belarus_nato_cli.draft.rules import Rules
from belarus_nato_cli.draft.speakers import SpeakerFinder

MAX_NAME_WORDS = 4


def note_people(view: View, finder: SpeakerFinder) -> list[tuple[int, str]]:
    """Draft entities for the people this sentence introduces: (token, entity id) pairs."""
    toks, rules, table = view.tokens, finder.rules, finder.table
    found: list[tuple[int, str]] = []
    i = 0
    while i < len(toks):
        end = names.capital_run_forward(toks, i, len(toks), rules)
        if end is None:
            i += 1
            continue
        person = _introduced(view, i, end, rules, table)
        if person is not None:
            name, title = person
            entity_id = table.lookup(name) or finder.new_entity(name, "person")
            _remember(finder.memory, entity_id, title)
            found.append((i, entity_id))
        i = end
    return found


def _introduced(
    view: View, i: int, j: int, rules: Rules, table: AliasTable
) -> tuple[str, str | None] | None:
    """The name and title of a person introduced by the capitalised words [i, j), if any."""
    toks = view.tokens
    at = names.split_title(toks, i, j, rules)
    words = [t for t in toks[at:j] if t.is_word]
    if not 2 <= len(words) <= MAX_NAME_WORDS or len(words) != j - at:
        return None  # a name is a few plain words: no "of", no full stops
    if any(t.key in rules.organisations or t.key in rules.media for t in words):
        return None
    if any(
        m.start < j and at < m.end for m in view.mentions if table.entities[m.id].kind != "person"
    ):
        return None  # part of a known place or body ("Vilnius Airport")
    after = names.title_after(toks, j, rules, loose=True)
    if after is not None:
        return view.words(at, j), view.words(*after)
    if at > i:
        return view.words(at, j), view.words(i, at)
    return None


def _remember(memory: Memory, entity_id: str, title: str | None) -> None:
    if title and entity_id not in memory.titles:
        memory.titles[entity_id] = title
    if entity_id not in memory.recent:
        memory.recent.append(entity_id)
