"""Who speaks: the words naming a speaker next to a reporting cue, resolved to an entity.

Names go through the alias table; "he" and "the minister" are carried from earlier
sentences (the article's memory, memory.py); a person or outlet not in the facts becomes a
new draft entity, with the title the article gives them.
"""

from __future__ import annotations

from belarus_nato_cli.draft import entities, names
from belarus_nato_cli.draft.aliases import AliasTable, Mention
from belarus_nato_cli.draft.memory import Memory, Speaker, View
from belarus_nato_cli.draft.rules import Rules
from belarus_nato_cli.draft.tokens import Token, match_at

_NP_END = frozenset([",", ";", ":", ".", "!", "?", '"', "“", "”", "(", ")", "—", "–"])
_OBJECT_PRONOUNS = {"him": "he", "her": "she"}
_ASIDES = frozenset(
    "who whose which in at on during after before from with while when speaking".split()
)
_PLACE_PREPOSITIONS = frozenset(["in", "at", "from", "near"])
_QUANTIFIERS = frozenset("some many several most other few various numerous both".split())


class SpeakerFinder:
    def __init__(self, table: AliasTable, rules: Rules, memory: Memory) -> None:
        self.table, self.rules, self.memory = table, rules, memory

    # -- the three places a speaker stands -------------------------------------------------

    def before(self, view: View, cue: int, media: bool = False) -> Speaker | None:
        """The speaker written before the cue: "X said", "X, head of ..., said", "X, who notes".
        `media`: the cue is a news report's ("IANS reported"), so an unknown name is an outlet."""
        toks, j = view.tokens, cue - 1
        while j >= 0 and toks[j].key in self.rules.between:
            j -= 1
        if j >= 0 and toks[j].key == "who":
            j -= 1
            if j < 0 or toks[j].text != ",":
                return None
        title: tuple[int, int] | None = None
        comma, loose = None, False
        if j >= 0 and toks[j].text == ",":
            k = max((i for i in range(j) if toks[i].text == ","), default=None)
            if k is None:
                return None
            named = self._named_in_commas(view, k, j)
            if named is not None:  # "Lithuania's foreign minister, Kestutis Budrys, said"
                return named
            if not self._aside(toks[k + 1]):
                title = names.title_after(toks, k, self.rules)
                if title is None:
                    title, loose = names.title_after(toks, k, self.rules, loose=True), True
                if title is None or title[1] != j:
                    return None
            comma, j = j, k - 1
        speaker = self._appositive_head(view, j, media) if loose else self._head(view, j, media)
        if speaker is not None and comma is not None:
            speaker.end = comma + 1  # the words up to the cue are the speaker's
            if title is not None:
                speaker.title = view.words(*title)
        return speaker

    def _named_in_commas(self, view: View, k: int, j: int) -> Speaker | None:
        """A person's name in commas after their title: "the country's defence minister,
        Viktor Khrenin, said". The name fills the commas; the title ends before them."""
        toks = view.tokens
        if names.capital_run_forward(toks, k + 1, j, self.rules) != j or j - k - 1 > 4:
            return None
        start = names.title_back(toks, k, self.rules)
        if start is None:
            return None
        speaker = self.ending_at(view, j - 1, k + 1)
        if speaker is None or self.table.entities[speaker.entity].kind != "person":
            return None
        speaker.title = speaker.title or view.words(start, k)
        speaker.start, speaker.end = start, j + 1
        return speaker

    def _appositive_head(self, view: View, j: int, media: bool) -> Speaker | None:
        """Only a person's name takes any apposition as a title ("X, a researcher at ...,
        argued"; not "After meeting X in Minsk, the delegation flew home, saying")."""
        speaker = self.ending_at(view, j, 0, media=media)
        if speaker is None or self.table.entities[speaker.entity].kind != "person":
            return None
        return speaker

    def _aside(self, first: Token) -> bool:
        """Words in commas between a speaker and the cue that are not a title: "X, who
        spoke in Vilnius, said", "X, speaking at a briefing, said", "X, in a speech, said"."""
        key = first.key
        if key in _ASIDES or key in self.rules.adverbial_openers:  # "X, for its part, said"
            return True
        return (key.endswith("ing") and len(key) > 4) or first.is_number

    def _head(self, view: View, j: int, media: bool) -> Speaker | None:
        """The speaker of words ending at token j; "Officials in Vilnius said" is the
        officials, not Vilnius."""
        speaker = self.ending_at(view, j, 0, media=media)
        toks = view.tokens
        if speaker is None or speaker.start < 2:
            return speaker
        k = speaker.start - 1
        if toks[k].key == "the":
            k -= 1
        if k >= 1 and toks[k].key in _PLACE_PREPOSITIONS:
            head = self.ending_at(view, k - 1, 0, media=media)
            if head is not None:
                head.end = speaker.end
                return head
            if self.table.entities[speaker.entity].kind in {"state", "region"}:
                return None  # "the embassy in Vilnius said": someone in the place, not it
        return speaker

    def after(self, view: View, i: int, media: bool = False, whole: bool = False) -> Speaker | None:
        """The speaker written after the cue: "according to X", "described by X". `whole`:
        the name must end the words read ("..., said Khrenin.", not "..., said the visit
        changed nothing")."""
        toks, first = view.tokens, i
        for channel in self.rules.channels:
            if match_at(toks, i, channel):
                i += len(channel)
                break
        end = i
        while end < len(toks) and toks[end].text not in _NP_END:
            if end > i and toks[end].key in self.rules.stops:
                break
            end += 1
        if i < len(toks) and toks[i].key in _OBJECT_PRONOUNS:
            return self._pronoun(toks[i].text, i)
        for j in range(end - 1, end - 2 if whole else i - 1, -1):
            speaker = self.ending_at(view, j, i, context=(i, end), media=media)
            if speaker is not None:
                speaker.start, speaker.end = first, end  # "the Cuban daily Granma"
                title = names.title_after(toks, end, self.rules)
                if title is not None:  # "described by X, the deputy minister ...,"
                    speaker.title, speaker.end = view.words(*title), title[1]
                return speaker
        return None

    def subject(self, view: View, hi: int) -> Speaker | None:
        """The subject a participle or second verb hangs on ("Revenko returned ..., pointing
        to"): the name that opens the clause, after any opening adverbial ("After meeting
        Khrenin, the delegation ..." is the delegation's, not Khrenin's)."""
        toks = view.tokens
        k = self._clause_start(toks, hi)
        while k < hi and (
            toks[k].key in {"the", "a", "an"} or names.title_word(toks[k], self.rules)
        ):
            if view.by_start.get(k) is not None:
                break
            k += 1
        if k >= hi:
            return None
        if toks[k].key in self.rules.pronouns:
            return self._pronoun(toks[k].text, k)
        mention = view.by_start.get(k)
        if mention is not None and self._speaks(mention.id):
            return self.ending_at(view, mention.end - 1, 0)
        return None

    def _clause_start(self, toks: list[Token], hi: int) -> int:
        """Where the main clause starts: after an opening adverbial and its comma."""
        if not toks or toks[0].key not in self.rules.adverbial_openers:
            return 0
        comma = next((k for k in range(hi) if toks[k].text == ","), None)
        return comma + 1 if comma is not None else 0

    # -- naming ----------------------------------------------------------------------------

    def ending_at(
        self,
        view: View,
        j: int,
        lo: int,
        context: tuple[int, int] | None = None,
        media: bool = False,
    ) -> Speaker | None:
        """The speaker named by the words that end at token j (none when they name no one)."""
        if j < lo:
            return None
        tok = view.tokens[j]
        if tok.key in self.rules.pronouns:
            return self._pronoun(tok.text, j)
        if tok.key in self.rules.body_pronouns:
            return self._body_pronoun(tok.text, j)
        mention = view.by_end.get(j + 1)
        if mention is not None and mention.start >= lo:
            return self._known(view, mention, lo)
        run = names.capital_run_back(view.tokens, j, lo, self.rules)
        if run is not None:
            return self._named(view, run, j + 1, context or (run, j + 1), media)
        if tok.key in self.rules.channel_nouns:
            return self._through(view, j, lo)
        if tok.key in self.rules.groups or tok.key in self.rules.titles:
            return self._common_noun(view, j, lo)
        return None

    def _through(self, view: View, j: int, lo: int) -> Speaker | None:
        """ "A defence ministry video", "the ministry's press service": whose it is."""
        toks, k = view.tokens, j
        while k > lo and (toks[k].key in self.rules.channel_nouns or toks[k].key in {"'", "s"}):
            k -= 1
        mention = view.by_end.get(k + 1)
        if mention is not None and mention.start >= lo:
            entity = self.table.entities[mention.id]
            return Speaker(mention.id, mention.start, j + 1) if entity.kind != "person" else None
        run = names.capital_run_back(toks, k, lo, self.rules)
        if run is None:  # "Ukraine's border guard service": a body of its own
            return self._common_noun(view, j, lo) if toks[j].key in self.rules.groups else None
        name = view.words(run, k + 1)
        known = self.table.lookup(name) or self.new_entity(name, "organisation")
        return Speaker(known, run, j + 1)

    def _known(self, view: View, mention: Mention, lo: int) -> Speaker:
        start = mention.start
        entity = self.table.entities[mention.id]
        if entity.kind == "group" and mention.alias[:1].islower():
            # "Polish officials": a group the facts do not name as such
            before = names.capital_run_back(view.tokens, mention.start - 1, lo, self.rules)
            if before is not None:
                return self._group(view, before, mention.end)
        if entity.kind != "person" and mention.alias[:1].islower():
            owner = view.by_end.get(mention.start)
            if owner is not None and self._other_state(owner.id, entity.name):
                # "the Lithuanian defence ministry" is not the Belarusian one
                return self._group(view, owner.start, mention.end)
        title_start = names.title_before(view.tokens, start, self.rules)
        title = None
        if title_start is not None and entity.kind == "person":
            title = view.words(title_start, start)
            start = title_start
        return Speaker(mention.id, start, mention.end, title)

    def _named(
        self, view: View, i: int, j: int, context: tuple[int, int], media: bool
    ) -> Speaker | None:
        """A capitalised name the alias table does not know (or a bare title)."""
        at = names.split_title(view.tokens, i, j, self.rules)
        title = view.words(i, at) if at > i else None
        if at >= j:  # only a title: "the Defence Minister said"
            found = self._described(view.tokens[j - 1].key)
            if found is None:
                return None
            how = f"'{view.words(i, j)}' read as {self.table.entities[found].name}"
            return Speaker(found, i, j, title, how)
        name = view.words(at, j)
        if j - at == 1 and view.tokens[at].key in self.rules.groups:
            return self._group(view, at, j)  # "Analysts said" at the start of a sentence
        known = self.table.lookup(name)
        if known is None:
            keys = {t.key for t in view.tokens[context[0] : context[1]]}
            kind = entities.kind_of(name, title, keys, media, self.rules)
            name = self._possessed(view, at, name) if kind != "person" else name
            known = self.table.lookup(name) or self.new_entity(name, kind)
        return Speaker(known, i, j, title)

    def _common_noun(self, view: View, j: int, lo: int) -> Speaker | None:
        """ "officials", "Polish officials", "the ministry", "the minister"."""
        toks = view.tokens
        before = self._modifiers_back(view, j - 1, lo)
        if before is not None and toks[j].key in self.rules.groups:
            return self._group(view, before, j + 1)
        unnamed = self._unnamed(view, j, lo)
        if unnamed is not None:
            return unnamed
        if toks[j].key in self.rules.groups and (j == lo or toks[j - 1].key in _QUANTIFIERS):
            return self._group(view, j, j + 1)  # "some analysts believe": analysts
        if j - 1 >= lo and toks[j - 1].key == "the":
            found = self._described(toks[j].key)
            if found is None:
                return None
            how = f"'{view.words(j - 1, j + 1)}' read as {self.table.entities[found].name}"
            return Speaker(found, j - 1, j + 1, None, how)
        known = self.table.lookup(toks[j].text)
        return Speaker(known, j, j + 1) if known else None

    def _unnamed(self, view: View, j: int, lo: int) -> Speaker | None:
        """ "An alliance official", "a senior Polish diplomat": one person the article does
        not name, drafted as "unnamed NATO official" (a modifier that names a known body,
        such as "alliance", is written as its name)."""
        toks = view.tokens
        if toks[j].key not in self.rules.titles or toks[j].key in self.rules.groups:
            return None
        k = j - 1
        while k >= lo and j - k <= 4 and toks[k].is_word and toks[k].key not in {"a", "an"}:
            k -= 1
        if k < lo or toks[k].key not in {"a", "an"}:
            return None
        words = []
        for tok in toks[k + 1 : j + 1]:
            known = None if tok.is_capital else self.table.lookup(f"the {tok.text}")
            words.append(self.table.entities[known].name if known else tok.text)
        name = "unnamed " + " ".join(words)
        found = self.table.lookup(name) or self.new_entity(name, "person")
        return Speaker(found, k, j + 1)

    def _modifiers_back(self, view: View, k: int, lo: int) -> int | None:
        """Where the name before a group's head word starts: "Polish [officials]",
        "Belarusian state [television]" (a name and up to two plain words)."""
        toks, rules, plain = view.tokens, self.rules, 0
        while plain < 3 and k > lo and toks[k].is_word and not toks[k].is_capital:
            if toks[k].key in rules.stops | rules.between | rules.finite | rules.not_names:
                break
            if toks[k].key == "s" and toks[k - 1].text in {"'", "’"}:
                break  # a possessive
            k, plain = k - 1, plain + 1
        if k > lo and toks[k].key == "s" and toks[k - 1].text in {"'", "’"}:
            owner = view.by_end.get(k - 1)  # "Ukraine's border guard service"
            if owner is not None and self.table.entities[owner.id].kind == "state":
                return k + 1
        if k > lo and toks[k].text == "." and len(toks[k - 1].text) == 1:
            k -= 1  # an abbreviation: "the U.S. embassy"
        mention = view.by_end.get(k + 1)
        if mention is not None and mention.start >= lo:
            return mention.start
        start = names.capital_run_back(toks, k, lo, rules)
        return start if start is not None or plain == 0 else None

    def _group(self, view: View, i: int, j: int) -> Speaker:
        """ "Polish officials", "the Lithuanian government": a group, or a government when
        its head word says so."""
        name = self._possessed(view, i, view.words(i, j))
        kind = entities.group_kind(view.tokens[i:j], self.rules)
        known = self.table.lookup(name) or self.new_entity(name, kind)
        return Speaker(known, i, j)

    def _pronoun(self, pronoun: str, at: int) -> Speaker | None:
        return self.memory.person(pronoun, at, self.table)

    def _other_state(self, owner: str, name: str) -> bool:
        """Whether `owner` is a state other than the one the name belongs to."""
        state = self.table.entities[owner]
        if state.kind != "state":
            return False
        adjective = entities.adjective(self.table, owner) or state.name
        return adjective.casefold() not in name.casefold() and state.name not in name

    def _body_pronoun(self, pronoun: str, at: int) -> Speaker | None:
        return self.memory.body(pronoun, at, self.table)

    def _described(self, word: str) -> str | None:
        return self.memory.described(word, self.table)

    def _speaks(self, entity_id: str) -> bool:
        return self.table.entities[entity_id].kind != "region"

    # -- new entities ----------------------------------------------------------------------

    def new_entity(self, name: str, kind: str) -> str:
        return entities.new_entity(self.table, name, kind)

    def _possessed(self, view: View, i: int, name: str) -> str:
        """ "Lithuania's Ministry of National Defence" is the Lithuanian one."""
        toks = view.tokens
        if i < 3 or (toks[i - 2].text, toks[i - 1].key) not in {("'", "s"), ("’", "s")}:
            return name
        owner = view.by_end.get(i - 2)
        found = entities.adjective(self.table, owner.id) if owner is not None else None
        return f"{found} {name}" if found else name
