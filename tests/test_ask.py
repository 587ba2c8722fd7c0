"""`ask`: plain-English questions answered from the facts, with sources, or an honest no."""

from __future__ import annotations

import json
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from packs import statement, write_jsonl

from belarus_nato_cli.ask import Asker
from belarus_nato_cli.ask.words import lexicon_forms
from belarus_nato_cli.index.cache import PackSet, open_index
from belarus_nato_cli.index.store import Store

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="module")
def asker(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Asker]:
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("BELARUS_NATO_CACHE", str(tmp_path_factory.mktemp("ask-cache")))
        yield Asker(Store(open_index(PackSet()).conn))


def answered_first(asker: Asker, question: str) -> dict[str, Any]:
    """The best statement of an answer, after checking there is an answer."""
    result = asker.ask(question)
    assert result.answer is not None, result.reason
    return result.results[0]


def test_when_question_answers_with_the_date_and_its_source(cli):
    result = cli("ask", "When were Belarus's relations with NATO suspended?", "--format", "json")
    assert result.code == 0
    payload = json.loads(result.stdout)
    answer = payload["answer"]
    assert "November 2021 [2021-11" in answer.split(", according to ")[0]
    assert "article-000" in answer and "nato-relations-with-belarus" in answer
    # (TASS corroborates the article's statement, not NATO's own: sources join through links)
    assert "tass-2021-11-23" in answer
    assert "a000-relations-suspended" in [r["id"] for r in payload["results"]]


def test_a_when_answer_cites_only_the_sources_of_that_event(cli):
    # Kaminski's threat to close crossings falls in the same days, but is another event
    result = cli("ask", "When did Lithuania close border crossings with Belarus?")
    assert result.code == 0
    assert result.lines[0].endswith("according to pledgetimes-2023-lithuania")


def test_who_question_answers_with_speaker_and_the_sources_title(cli):
    result = cli("ask", "Who described the minimal contacts with the alliance?", "--format", "json")
    answer = json.loads(result.stdout)["answer"]
    # the speaker with the title his source gives, and that the dated sources dispute it
    assert answer.startswith(
        "Valery Revenko, deputy minister of defense for Belarus (title as the source gives it)"
    )
    assert (
        "the speaker's title is disputed by revenko-nato-activity-before-2020 (sb-2024-12-09"
        in (answer)
    )


def test_other_questions_answer_with_the_best_statement_and_label_hedges(cli):
    result = cli("ask", "Were there rumours of deployments near the border?")
    assert result.code == 0
    first = result.lines[0]
    assert first.startswith("Answer: Some statements suggested there might be deployments")
    assert first.endswith("[possible, hedged, reported]")
    assert "source: article-000 2332-2380" in result.stdout


def test_json_shape(cli):
    result = cli("ask", "Is Cuba a military partner of Belarus?", "--format", "json", "--top", "2")
    payload = json.loads(result.stdout)
    assert set(payload) == {"question", "answer", "reason", "notes", "profile", "results"}
    assert payload["question"] == "Is Cuba a military partner of Belarus?"
    assert len(payload["results"]) == 2
    scores = [r["score"] for r in payload["results"]]
    assert scores == sorted(scores, reverse=True)
    assert payload["results"][0]["id"] in {"a000-exchanges-cuba", "khrenin-cuba-partners"}
    first = payload["results"][0]
    assert {"id", "text", "speaker", "certainty", "evidence", "links", "disputes"} <= set(first)


@pytest.mark.parametrize(
    "question",
    [
        "What is the population of Brazil?",
        "What happened in 2015?",
        "What is the capital of Belarus?",
    ],
)
def test_abstains_when_the_facts_do_not_answer(cli, question):
    result = cli("ask", question)
    assert result.code == 1
    assert result.stdout == ""
    assert "nothing in the facts answers this question" in result.stderr
    payload = json.loads(cli("ask", question, "--format", "json").stdout)
    assert payload["answer"] is None and payload["results"] == []


@pytest.mark.parametrize(
    ("question", "missing"),
    [
        # a place the question names that the best match does not involve: another question
        (
            "Did Ukraine close its border with Belarus?",
            "the statement that best matches its words does not involve",
        ),
        # "when did X reopen" needs a reopening, not the closing the facts hold
        ("When did Lithuania reopen its border crossings?", "tells of 'reopen'"),
        # a statement's date dates what it says, not its actors' descriptions (Prigozhin's
        # tells of his death; the statements he is in do not)
        ("When did Prigozhin die?", "tells of 'die'"),
        # a count asked for: the statement names the fighters, but its figure counts Polish
        # troops; another's only figure is a year; the statements about an amount give none
        ("How many Wagner fighters worried Poland?", "the facts give no figure for this"),
        ("How many political prisoners did NATO want freed?", "the facts give no figure for this"),
        (
            "How much does Belarus spend on its cooperation with Cuba?",
            "the facts give no figure for this",
        ),
        # a specific noun the facts lack weighs much: what the question asks for is missing
        ("What is the Wagner group's budget in Belarus?", "'budget'"),
        # a post nobody holds in the facts, though each of its words is in some title or
        # description: not answered with whoever holds a post like it
        ("Who is Belarus's ambassador to India?", "the facts name no one as"),
        ("Who is the foreign minister of Belarus?", "the facts name no one as"),
        ("Who was Lithuania's interior minister?", "the facts name no one as"),
    ],
)
def test_abstains_and_says_what_the_best_match_lacks(cli, question, missing):
    result = cli("ask", question)
    assert result.code == 1 and result.stdout == ""
    assert missing in result.stderr


def test_the_answered_form_of_an_abstained_question_still_answers(cli):
    result = cli("ask", "When did Lithuania close two border crossings?", "--format", "json")
    assert result.code == 0
    assert json.loads(result.stdout)["results"][0]["id"] == "lithuania-closes-two-crossings"


def test_what_did_x_say_needs_x_to_have_said_or_done_it(asker):
    said = asker.ask("What did Lukashenko say about Wagner?")
    assert said.results[0]["speaker"]["id"] == "alexander-lukashenko"
    silent = asker.ask("What did Iran say about the military exchanges?")
    assert silent.answer is None and silent.reason == "the facts hold nothing said or done by iran"


def test_in_someones_view_says_whose_words_not_what_about(asker):
    # "view" frames the question as someone's opinion, as "according to" does: the answer
    # need not say "view"
    first = answered_first(asker, "When did cooperation with NATO stop, in Gulevich's view?")
    assert first["id"] == "gulevich-nato-suspended-2021-11-23"


def test_a_hyphenated_word_may_be_held_apart(asker):
    # the statement speaks of the training of Belarusian troops and Wagner fighters
    first = answered_first(asker, "Who said Belarusian-Wagner training was a provocation?")
    assert first["id"] == "hoffmann-training-provocation"


@pytest.mark.parametrize(
    "question",
    ["When did Latvia shut its crossings to freight?", "When did Poland close the crossings?"],
)
def test_an_event_told_only_as_a_possibility_is_not_dated(asker, question):
    # Kaminski said the three states would close every crossing if a crisis arose: no closing
    result = asker.ask(question)
    assert result.answer is None
    assert result.reason == "the facts tell of it only as a possibility ('would close')"


def test_a_question_about_the_possibility_is_answered(asker):
    first = answered_first(asker, "When did Poland say it would close the crossings?")
    assert first["id"] == "kaminski-close-crossings"


def test_which_two_is_not_answered_by_a_count(cli, tmp_path):
    # Lithuania closed "two of its six border crossings": the facts do not say which
    question = "Which two crossings did Lithuania shut?"
    result = cli("ask", question)
    assert result.code == 1
    assert "the facts give how many crossings, not which" in result.stderr
    # a statement that names them answers
    named = statement(
        "named-crossings",
        "Lithuania closed two crossings, Medininkai and Raigardas, on the border with Belarus.",
        actors=[{"entity": "lithuania", "role": "subject"}],
    )
    source = {"type": "source", "id": "s", "language": "en"}
    pack = write_jsonl(tmp_path / "p.jsonl", source, named)
    answered = cli("--facts", str(pack), "ask", question, "--format", "json")
    assert answered.code == 0, answered.stderr
    assert json.loads(answered.stdout)["results"][0]["id"] == "named-crossings"


@pytest.mark.parametrize(
    "question",
    [
        "What did the defence ministry say in December 2022?",
        "What did the Belarusian defence ministry say about dialogue?",
    ],
)
def test_a_body_speaks_through_the_officials_whose_titles_name_it(asker, question):
    # Ryabikhin's title names the defence ministry, which is no actor of his statements
    first = answered_first(asker, question)
    assert first["speaker"]["id"] == "dmitry-ryabikhin"
    assert "defence ministry" in first["speaker"]["title"]


def test_the_side_of_a_party_is_the_party(asker):
    # no title has "side" or "government": the words stand for the state itself
    silent = asker.ask("What did the Iranian government say about Belarus?")
    assert silent.answer is None
    assert silent.reason == "the facts hold nothing said or done by the iranian government"
    said = asker.ask("What did the Indian side say about ties with Belarus?")
    assert said.results[0]["speaker"]["id"] == "rajnath-singh"


def test_what_is_x_needs_x_in_the_answer(asker):
    # no statement tells of an agreement with India; one tells of a memorandum India hosted
    result = asker.ask("What was in the defence agreement Belarus signed with India?")
    assert result.answer is None
    assert result.reason == "no statement that matches it tells of 'agreement'"
    # a common word may be worded otherwise ("aim": "meant to")
    aim = asker.ask("What is the aim of the limited contacts?")
    assert aim.answer is not None, aim.reason


def test_words_the_question_quotes_tell_of_the_event(asker):
    # "leader" is in no statement; the quoted words are Lukashenko's own
    question = "Which leader said an army that does not fight is 'half an army'?"
    first = answered_first(asker, question)
    assert first["speaker"]["id"] == "alexander-lukashenko"


def test_the_occasion_need_not_be_in_the_answer(asker):
    # "during his Cuba trip" says when; the statement tells of the welcome, not of a trip
    first = answered_first(asker, "Who welcomed Khrenin during his Cuba trip?")
    assert first["id"] == "khrenin-welcomed-havana"


@pytest.mark.parametrize(
    ("question", "person"),
    [
        # a contraction is no possessive
        ("what's Gulevich's job?", "viktor-gulevich"),
        # a given name beside an alias of the person's is the person's
        ("Who is Viktor Khrenine?", "viktor-khrenin"),
        # a slip the full-text index finds only by its stem ("kaminsky": "kaminski")
        ("Who is Kaminsky?", "mariusz-kaminski"),
        # a word found only inside a longer alias ("Viktor Gulevitch")
        ("Who is Gulevitch?", "viktor-gulevich"),
    ],
)
def test_people_are_found_however_the_question_writes_them(asker, question, person):
    result = asker.ask(question)
    assert result.kind == "profile" and result.profile is not None, result.answer
    assert result.profile["id"] == person


def test_recognises_entities_through_aliases_and_metonyms(asker):
    tokens = ["does", "minsk", "talk", "to", "the", "alliance"]
    found, used = asker.mentions(tokens)
    assert found == {"belarus": "entity", "nato": "entity"}
    assert used == {1, 4, 5}


def test_recognises_topics_without_swallowing_their_words(asker):
    found, used = asker.mentions(["border", "security", "concerns"])
    assert found.get("border-security") == "topic"
    assert used == set()


def test_a_date_in_the_question_filters(asker):
    assert asker.ask("What happened to relations with NATO in November 2021?").answer is not None
    assert asker.ask("What happened to relations with NATO in 2019?").answer is None
    assert asker.ask("What happened to relations with NATO in 2015?").reason == (
        "no statement matches in that period"
    )


def test_synonyms_and_spellings_come_from_the_lexicon(asker):
    exact, synonyms = lexicon_forms(asker.store.lexicon, "frozen")
    assert "suspended" in synonyms and exact == ["frozen"]
    exact, _ = lexicon_forms(asker.store.lexicon, "defense")
    assert set(exact) == {"defense", "defence"}


def test_curators_can_extend_the_lexicon(cli, tmp_path):
    question = "Is Minsk stonewalling the alliance?"
    assert cli("ask", question).code == 1
    pack = tmp_path / "lexicon.toml"
    pack.write_text(
        '[[lexicon]]\nid = "syn-gatekeep"\nkind = "synonym"\nterms = ["stonewalling", "limited"]\n'
    )
    result = cli("--facts", str(pack), "ask", question)
    assert result.code == 0, result.stderr
    assert result.lines[0] == "Answer: Belarus keeps its contacts with NATO very limited."


@pytest.mark.parametrize(
    "question",
    ['"', "NEAR(", "*", "AND OR", "col:word", "-", "text:nato)", "'; DROP TABLE statements;--"],
)
def test_any_string_is_plain_words(cli, question):
    result = cli("ask", question)
    assert result.code in (0, 1)
    assert "error" not in result.stderr


def test_empty_question_is_a_usage_error(cli):
    result = cli("ask", "   ")
    assert result.code == 2 and "the question is empty" in result.stderr


def _score(asker: Asker, path: Path) -> tuple[float, float, float]:
    text = path.read_text(encoding="utf-8")
    data = tomllib.loads(text) if path.suffix == ".toml" else json.loads(text)
    answerable = data.get("questions", data.get("answerable", []))
    top1 = top3 = 0
    for item in answerable:
        accepted = item.get("answers", item.get("accept"))
        got = [r["id"] for r in asker.ask(item["q"]).results]
        top1 += bool(got) and got[0] in accepted
        top3 += any(g in accepted for g in got[:3])
    abstained = sum(asker.ask(item["q"]).answer is None for item in data["unanswerable"])
    n = len(answerable)
    return top1 / n, top3 / n, abstained / len(data["unanswerable"])


# Development sets (tuned on): the floors they hold now. The held-out set is measured by
# bench/ask_accuracy.py, never here.
@pytest.mark.parametrize(
    ("name", "floors"),
    [
        ("questions.toml", (0.96, 0.97, 1.0)),
        ("questions_holdout.toml", (1.0, 1.0, 0.8)),
        ("ask-dev.json", (0.95, 1.0, 1.0)),
        ("ask-dev2.json", (0.91, 0.97, 0.86)),
        ("ask-dev3.json", (0.84, 0.89, 0.78)),
        ("ask-dev4.json", (0.80, 0.82, 0.86)),
    ],
)
@pytest.mark.slow
def test_question_sets_are_answered(asker, name, floors):
    measured = _score(asker, DATA / name)
    assert all(m >= f for m, f in zip(measured, floors, strict=True)), measured


# -- people and bodies, disputes, spelling, dates, question types --------------------------


@pytest.mark.parametrize(
    ("question", "holder"),
    [
        ("Who is the president of Belarus?", "alexander-lukashenko"),
        ("Who is the Polish interior minister?", "mariusz-kaminski"),
        # two descriptions hold "defence minister" and "Belarus": the one that is just that
        ("who is the defence minister of belarus", "viktor-khrenin"),
        # a clause that denies a post ("Not a deputy defence minister") describes no one
        ("who is the deputy defence minister", "viktor-gulevich"),
        # a post that names two parties: each name stands for its own party only
        ("Who is Belarus's ambassador to Cuba?", "valery-baranovsky"),
    ],
)
def test_who_is_a_post_answers_from_the_record_of_the_one_person_it_describes(
    asker, question, holder
):
    result = asker.ask(question)
    assert result.kind == "profile", result.answer
    assert result.profile is not None and result.profile["id"] == holder


@pytest.mark.parametrize(
    "question",
    [
        "Who is Valery Revenko?",
        "What is Revenko's job?",
        "What is Revenko's real position in the defence ministry?",
    ],
)
def test_who_is_answers_with_the_verified_post_and_the_disputed_title_marked(cli, question):
    result = cli("ask", question, "--format", "json")
    assert result.code == 0
    payload = json.loads(result.stdout)
    answer = payload["answer"]
    verified = "Head of the International Military Cooperation Department"
    assert answer.startswith(f"Valery Revenko: {verified}")
    # the first article's title appears only among the disputed titles, with its source
    wrong = "deputy minister of defense for Belarus"
    before, _, disputed = answer.partition("Disputed titles: ")
    assert wrong not in before
    assert disputed.startswith(f"{wrong} (article-000")
    assert "contradicted by revenko-nato-activity-before-2020 (sb-2024-12-09)" in disputed
    titles = {t["title"]: t for t in payload["profile"]["titles"]}
    assert titles[wrong]["disputed"]["statement"] == "revenko-nato-activity-before-2020"
    assert not any(t["disputed"] for name, t in titles.items() if name.startswith("Chief of"))
    # the statements behind the verified title come first
    assert payload["results"][0]["speaker"]["title"].startswith("Chief of the International")


def test_is_x_a_title_leads_with_the_dispute(cli):
    result = cli("ask", "Is Revenko actually deputy defence minister of Belarus?")
    assert result.code == 0
    assert result.lines[0].startswith(
        'Answer: Disputed: article-000 calls Valery Revenko "deputy minister of defense for'
        ' Belarus", but revenko-nato-activity-before-2020 (sb-2024-12-09, 2024) contradicts it'
    )


def test_an_answer_says_its_statement_is_disputed_and_by_what(cli):
    result = cli("ask", "How many Wagner fighters moved toward Grodno?")
    assert result.code == 0
    assert (
        "disputed by lukashenko-wagner-worries-groundless (news-pravda-2023-08-01"
        in (result.lines[0])
    )
    assert "   disputed by lukashenko-wagner-worries-groundless" in result.stdout


def test_a_title_is_disputed_by_a_source_trusted_at_least_as_far_not_the_other_way(asker):
    # the dated SB report's title stands; the first article's is the disputed one
    trusted = asker.ask("What did Revenko say about the military doctrine?")
    assert trusted.results[0]["id"] == "revenko-doctrine-no-enemy"
    assert trusted.results[0]["disputes"] == []
    assert trusted.results[0]["disputed"] is False  # its mark agrees: no "!"
    doubtful = asker.ask("How does Revenko describe Minsk's approach of minimal contacts?")
    first = doubtful.results[0]
    assert first["id"] == "a000-revenko-describes-approach" and first["disputed"] is True
    assert {d["statement"] for d in first["disputes"] if d["about"] == "title"} >= {
        "revenko-doctrine-no-enemy"
    }


def test_misspelt_names_and_words_are_read_as_known_ones_and_the_reading_is_shown(cli):
    result = cli("ask", "whta did lukashneko say about wagner")
    assert result.code == 0
    # a message, on stderr: stdout is the answer, from its first line
    assert result.stderr.splitlines() == [
        "belarus-nato: reading 'whta' as 'what'",
        "belarus-nato: reading 'lukashneko' as Alexander Lukashenko",
    ]
    assert result.lines[0].startswith("Answer: ")
    payload = json.loads(cli("ask", "what did lukashneko say", "--format", "json").stdout)
    assert payload["results"][0]["speaker"]["id"] == "alexander-lukashenko"


def test_transliterations_are_aliases(asker):
    said = asker.ask("What did Lukashenka say about Wagner?")
    assert said.results[0]["speaker"]["id"] == "alexander-lukashenko" and not said.notes


def test_a_real_word_the_facts_lack_is_not_read_as_another(asker):
    result = asker.ask("Where was the main Wagner camp?")
    assert result.answer is None and "camp" in (result.reason or "")
    # an English word one slip from a word of the facts ("policy") is still that word
    assert not asker.ask("How many police officers did Poland send?").notes


@pytest.mark.parametrize(
    ("question", "period"),
    [
        ("What did Khrenin do in January 2024?", "2024-01"),
        ("What did Kaminski say in August 2023?", "2023-08"),
        ("What did Kaminski say on 28 August 2023?", "2023-08-28"),
        # days in words
        ("What did Gulevich announce on the twenty-third of November 2021?", "2021-11-23"),
        ("Who did Khrenin hold talks with on June twenty-sixth, 2025?", "2025-06-26"),
        # a year in words
        ("What did Khrenin do in January twenty twenty-four?", "2024-01"),
        # a part of a period is the period
        ("When did the Belarusian defence minister visit Cuba, in late January 2024?", "2024-01"),
        # a holiday of a fixed day is its month, never an unknown name
        ("What did Ryabikhin tell STV just after Christmas 2022?", "2022-12"),
    ],
)
def test_month_names_and_days_are_dates(asker, question, period):
    result = asker.ask(question)
    assert result.answer is not None, result.reason
    for r in result.results:
        # (what was said then answers "what did X say/announce", whenever it is about)
        when = [r["about"] or r["said"], r["said"]]
        assert any(d and d.startswith(period) for d in when), (r["id"], when)


@pytest.mark.parametrize(
    "question", ["What happened on 23 November 2021?", "What happened on November 23rd, 2021?"]
)
def test_a_question_that_names_only_a_date_lists_that_time(asker, question):
    result = asker.ask(question)
    assert result.answer is not None, result.reason
    assert {r["about"] or r["said"] for r in result.results} == {"2021-11-23"}
    assert all(r.get("score") is None for r in result.results)  # listed by date, not scored


def test_what_was_said_in_a_period_includes_claims_about_an_earlier_time(asker):
    # said on 26 Dec 2022, about what changed from 24 Feb 2022
    result = asker.ask("What did Ryabikhin say in December 2022 about the vectors of cooperation?")
    assert result.results and result.results[0]["id"] == "ryabikhin-vectors-changed"
    # what happened then is still dated by what it is about
    happened = asker.ask("What happened in December 2022?")
    assert all((r["about"] or r["said"]).startswith("2022-12") for r in happened.results)


def test_a_date_known_only_to_the_year_may_fall_in_a_month_of_it(asker):
    # Revenko's STV interview is dated only "2024": it may be December's
    result = asker.ask("What did Revenko say in December 2024?")
    assert result.answer is not None, result.reason
    assert all(r["said"] == "2024" for r in result.results)
    assert "revenko-defender-2024-show" in {r["id"] for r in result.results}
    # a list of what a period holds keeps to what surely falls in it: none of the facts is
    # dated in December 2024
    listed = asker.ask("What happened in December 2024?")
    assert listed.answer is None and listed.reason == "no statement is dated in that period"


def test_a_decade_is_a_period(asker):
    result = asker.ask("What happened in the 1990s?")
    assert result.answer is not None, result.reason
    assert [r["id"] for r in result.results] == ["nato-partnership-since-1992"]
    earlier = asker.ask("What happened in the 1980s?")
    assert earlier.answer is None and earlier.reason == "no statement is dated in that period"


def test_twenty_two_is_a_number_and_twenty_twenty_two_a_year():
    from belarus_nato_cli.ask.parse import parse

    assert parse("Did twenty-two attachés attend?").window is None
    assert parse("What happened in twenty twenty-two?").window == ("2022-01-01", "2022-12-31")


def test_a_date_the_facts_hold_nothing_of_is_said_so(cli):
    result = cli("ask", "What happened in 2015?")
    assert result.code == 1
    assert "no statement is dated in that period" in result.stderr


def test_a_season_with_its_year_is_a_period(asker):
    result = asker.ask("What did Poland do in summer 2023?")
    assert result.answer is not None, result.reason
    for r in result.results:
        assert "2023-06" <= (r["about"] or r["said"])[:7] <= "2023-08"


@pytest.mark.parametrize(
    ("question", "answer"),
    [
        # "how many": a figure on what it counts, in digits or in words
        ("How many troops did Poland send east over Wagner?", "poland-troops-east"),
        ("How many of its six crossings did Lithuania close?", "lithuania-closes-two-crossings"),
        # "as well" is grammar, not a word the facts lack
        (
            "Did the Allies stop civilian cooperation with Belarus as well, or only the military"
            " side?",
            "nato-suspended-cooperation-2021-11",
        ),
        # "size" is among WordNet's most frequent nouns: the rest of the question decides
        ("What was the size of the Polish troop move east over Wagner?", "poland-troops-east"),
    ],
)
def test_answered_by(asker, question, answer):
    first = answered_first(asker, question)
    assert first["id"] == answer


def test_how_much_of_something_asks_a_degree_not_a_figure(asker):
    result = asker.ask("How much contact does Minsk keep with NATO?")
    assert result.answer is not None, result.reason


def test_a_why_question_says_when_the_facts_hold_no_reason(cli):
    result = cli("ask", "Why did NATO suspend cooperation?")
    assert result.code == 0
    assert result.lines[0].startswith("Answer: The facts give no reason for this; what they hold:")


def test_who_did_something_names_the_parties_not_no_speaker(cli):
    result = cli("ask", "Who met in Qingdao?")
    assert result.code == 0
    assert "No named speaker" not in result.lines[0]
    assert "Rajnath Singh" in result.lines[0]


@pytest.mark.parametrize(
    ("question", "first", "not_named"),
    [
        # never someone the question names: Khrenin was welcomed, he did not welcome
        ("Who welcomed Khrenin in Havana?", "Álvaro López Miera", "Viktor Khrenin"),
        # (who held a post: answered from the holder's record, tested with the posts above)
    ],
)
def test_who_answers_with_the_party_it_asks_about(asker, question, first, not_named):
    answer = asker.ask(question).answer or ""
    assert answer.startswith(f"{first} ") or answer.startswith(f"{first},"), answer
    assert not_named not in answer.split(" (")[0]


def test_which_countries_lists_states_only(asker):
    answer = asker.ask("Which countries did the Belarusian defence minister visit?").answer
    listed = [part.split(" (")[0] for part in (answer or "").split("; ")]
    assert listed and {"India", "Cuba"} <= set(listed)
    kinds = {asker.search.entity(eid)[0] for eid in _entity_ids(asker, listed)}
    assert kinds == {"state"}


def _entity_ids(asker, names):
    return [
        row[0]
        for row in asker.store.conn.execute(
            f"SELECT id FROM entities WHERE name IN ({','.join('?' * len(names))})", names
        )
    ]


@pytest.mark.parametrize(
    ("question", "start"),
    [
        # the best statement's own date, not another result's: it gives only when it was said
        (
            "When did Revenko present the draft military doctrine?",
            "No date for the event itself; stated about February 2024 [2024-02?] (sb-2024-02)",
        ),
        # asked when something was said, that date is the answer
        (
            "When did Revenko say the door is open to the West?",
            "about 21 February 2024 [2024-02-21?], when it was said (belta-de-2024-02-21)",
        ),
        # no "also" with the dates of unrelated statements
        ("When did Khrenin visit Havana?", "about 29 January 2024 [2024-01-29?], according to"),
    ],
)
def test_when_answers_with_the_best_statements_own_date(asker, question, start):
    answer = asker.ask(question).answer or ""
    assert answer.startswith(start), answer
    assert "also:" not in answer


def test_abstention_says_what_was_not_found(cli):
    result = cli("ask", "What is Belarus's annual defence budget?")
    assert result.code == 1
    assert "nothing in the facts answers this question" in result.stderr
    assert "'budget'" in result.stderr


def test_the_word_table_covers_only_words_of_the_facts():
    from belarus_nato_cli.ask.words import word_table

    table = word_table()
    assert "invade" in table.standing_for and "invasion" in table.standing_for["invade"]
    facts = Path(__file__).parent.parent / "facts"
    text = " ".join(p.read_text(encoding="utf-8").lower() for p in facts.rglob("*.toml"))
    assert all(word in text for word in table.vocabulary)


OWN_PACK = """\
[[sources]]
id = "s1"
language = "en"
publisher = "First Agency"

[[entities]]
id = "anna-quill"
kind = "person"
name = "Anna Quill"
description = "Trade envoy of Ruritania."

[[statements]]
id = "q-1"
text = "Anna Quill said grain exports would resume in spring."
speaker = "anna-quill"
speaker_title = "trade envoy"
attribution = "direct_quote"
certainty = "certain"
evidence = [{ source = "s1", locator = "p. 1" }]
"""


def test_own_packs_are_corrected_against_their_own_words(cli, tmp_path):
    pack = tmp_path / "own.toml"
    pack.write_text(OWN_PACK)
    own = ("--no-embedded", "--facts", str(pack))
    # a name of the pack is corrected; a word only the embedded facts have is not offered
    result = cli(*own, "ask", "what did Anna Qiull say about grain")
    assert result.code == 0, result.stderr
    assert result.stderr == "belarus-nato: reading 'qiull' as Anna Quill\n"
    result = cli(*own, "ask", "what did lukashneko say about grain")
    assert result.code == 1
    assert "lukashenko" not in result.stderr
    profile = json.loads(cli(*own, "ask", "Who is Anna Quill?", "--format", "json").stdout)
    assert profile["answer"].startswith("Anna Quill: Trade envoy of Ruritania.")
    assert profile["profile"]["titles"][0]["title"] == "trade envoy"


@pytest.mark.parametrize(
    ("question", "word"),
    [
        ("Who said an army that doesn't fight is half an army?", "doesn"),
        ("Who said an army that can't fight is half an army?", "ca"),
    ],
)
def test_a_negative_contraction_is_a_verb_and_not_an_unknown_word(asker, question, word):
    result = asker.ask(question)
    assert f"'{word}'" not in (result.reason or "")
    assert result.answer is not None, result.reason


def test_a_regular_past_tense_reaches_its_base_form(asker):
    # "died" is "die", which WordNet derives "death" from; a word of the facts
    question = "What did Lukashenko claim once it was confirmed that Prigozhin had died?"
    first = answered_first(asker, question)
    assert first["id"] == "lukashenko-wagner-to-stay"
    assert "death" in first["text"]


@pytest.mark.parametrize(
    ("question", "profiled"),
    [
        ("What is NATO's position on the Wagner group?", False),
        ("What is Revenko's position on NATO exercises?", False),
        ("What is Revenko's official job title?", True),
        ("What position does Revenko hold?", True),
        ("What rank does Viktor Khrenin hold in the army?", True),
        ("What position does Revenko hold on NATO exercises?", False),
    ],
)
def test_a_question_about_a_post_is_the_whole_question(asker, question, profiled):
    # "X's position on Y" asks about Y, not about X's post
    assert (asker.ask(question).kind == "profile") is profiled


def test_a_where_question_prefers_a_statement_that_names_the_place(asker):
    result = asker.ask("Where were Wagner fighters moving?")
    assert result.answer is not None, result.reason
    first = result.results[0]
    assert any(a["role"] == "location" for a in first["actors"]), first["id"]


def test_a_partys_official_must_be_of_that_party(asker):
    # the facts know a Polish interior minister, and no Latvian one
    first = answered_first(asker, "What did Poland's interior minister say about Wagner?")
    assert first["speaker"]["id"] == "mariusz-kaminski"
    latvian = asker.ask("What did Latvia's interior minister say about Wagner?")
    assert latvian.answer is None
    assert "latvia's interior minister" in (latvian.reason or "")


# -- words written together or abbreviated ------------------------------------------------


def test_a_hyphenated_pair_of_names_the_facts_never_write_so_is_read_as_both(asker):
    result = asker.ask("what did they close on the lithuania-belarus border")
    assert result.answer is not None, result.reason
    assert "reading" not in " ".join(result.notes)
    actors = {a["id"] for a in result.results[0]["actors"]}
    assert {"lithuania", "belarus"} <= actors


def test_latin_abbreviations_are_not_read_as_letters(asker):
    from belarus_nato_cli.ask.parse import parse

    tokens = parse("outreach to far partners, e.g. Cuba, i.e. training etc.").tokens
    assert not {"e", "g", "i", "etc"} & set(tokens)
    assert {"cuba", "training"} <= set(tokens)


def test_who_is_someone_the_sources_give_no_title_lists_what_they_took_part_in(asker):
    result = asker.ask("Who is Alvaro Lopez Miera?")
    assert result.kind == "profile", result.reason
    assert result.results, "a profile rests on statements"
    assert all("alvaro-lopez-miera" in {a["id"] for a in r["actors"]} for r in result.results), (
        result.results
    )
    assert result.ranked == [r["id"] for r in result.results]


def test_a_lexicon_entry_is_found_from_any_regular_form_of_its_words():
    # the curators listed "stopped" and "cutting": a question may say "stop", "cuts", "cut"
    entries = {"stopped": [("stopped", "synonym"), ("suspended", "synonym")]}
    entries["cutting"] = [("cutting", "synonym"), ("reduced", "synonym")]

    def lexicon(term: str) -> list[tuple[str, str]]:
        return entries.get(term, [])

    assert "suspended" in lexicon_forms(lexicon, "stop")[1]
    assert "reduced" in lexicon_forms(lexicon, "cut")[1]
    assert lexicon_forms(lexicon, "stock") == ([], [])


def test_base_forms_undo_a_doubled_consonant():
    from belarus_nato_cli.ask.words import base_forms

    assert "stop" in base_forms("stopped")
    assert "plan" in base_forms("planning")
    assert "call" in base_forms("called")  # a double letter of the word itself stays


def test_what_did_x_threaten_puts_x_own_words_first(asker):
    first = answered_first(asker, "What did Kaminski threaten at the meeting in Warsaw?")
    assert first["speaker"]["id"] == "mariusz-kaminski"


def test_a_place_in_another_transliteration_is_found_as_the_facts_write_it(asker):
    first = answered_first(asker, "Did Wagner fighters move toward Hrodna?")
    assert "Grodno" in first["text"]


def test_a_name_with_its_double_letters_written_single_is_read_as_the_name(asker):
    result = asker.ask("What did Hofman say about Wagner?")
    assert "reading 'hofman' as Zbigniew Hoffmann" in result.notes
    assert result.answer is not None, result.reason
    assert result.results[0]["speaker"]["id"] == "zbigniew-hoffmann"


def test_words_that_give_the_occasion_weigh_little():
    from belarus_nato_cli.ask.parse import parse

    assert parse("What did Khrenin say about Cuba during his visit?").occasion >= {"visit"}
    assert "talks" in parse("what was said during the talks, and by whom").occasion
    assert not parse("What did Khrenin say about his visit?").occasion


def test_a_refusal_in_json_says_why(cli):
    result = cli("ask", "What is the GDP of Mars?", "--format", "json")
    assert result.code == 1
    payload = json.loads(result.stdout)
    assert payload["answer"] is None and "'gdp'" in payload["reason"]
    answered = json.loads(cli("ask", "Who is Valery Revenko?", "--format", "json").stdout)
    assert answered["answer"] and answered["reason"] is None


def test_words_no_statement_has_are_listed_plainly(asker):
    assert asker.ask("who is ms tikhanovskaya").reason == (
        "no statement has 'ms' or 'tikhanovskaya'"
    )


def test_who_did_something_names_the_people_not_the_states_beside_them(asker):
    result = asker.ask("Who welcomed Khrenin in Havana?")
    assert result.answer is not None, result.reason
    named = result.answer.split(" (")[0]
    assert named == "Álvaro López Miera"  # not "Álvaro López Miera, Belarus"


def test_a_source_named_in_the_question_is_no_unknown_name(asker):
    # "Zerkalo" is the publisher of a source, in no statement's own words
    first = answered_first(asker, "What did Zerkalo report?")
    assert first["sources"][0]["id"].startswith("zerkalo")


def test_a_verb_the_facts_never_use_weighs_as_an_ordinary_word(asker):
    # "shrunk": a verb says how something happened, in words of its own, not what about
    result = asker.ask(
        "Has Belarus's military cooperation with other countries shrunk since February 2022?"
    )
    assert result.answer is not None, result.reason
    assert result.results[0]["id"] == "ryabikhin-vectors-changed"
    # a noun they never use still weighs much: what is asked for is missing
    assert asker.ask("Which ministers signed the Warsaw communique?").answer is None
