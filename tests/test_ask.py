"""`ask`: plain-English questions answered from the facts, with sources, or an honest no."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest

from belarus_nato_cli.ask import Asker
from belarus_nato_cli.index.cache import PackSet, open_index
from belarus_nato_cli.index.store import Store

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="module")
def asker(tmp_path_factory: pytest.TempPathFactory) -> Asker:
    import os

    os.environ["BELARUS_NATO_CACHE"] = str(tmp_path_factory.mktemp("ask-cache"))
    return Asker(Store(open_index(PackSet()).conn))


def test_when_question_answers_with_the_date_and_its_source(cli):
    result = cli("ask", "When were Belarus's relations with NATO suspended?", "--format", "json")
    assert result.code == 0
    payload = json.loads(result.stdout)
    answer = payload["answer"]
    assert "November 2021 [2021-11" in answer.split(", according to ")[0]
    assert "article-000" in answer and "nato-relations-with-belarus" in answer
    assert "a000-relations-suspended" in [r["id"] for r in payload["results"]]


def test_who_question_answers_with_speaker_and_the_sources_title(cli):
    result = cli("ask", "Who described the minimal contacts with the alliance?", "--format", "json")
    answer = json.loads(result.stdout)["answer"]
    assert (
        answer
        == "Valery Revenko, deputy minister of defense for Belarus (title as the source gives it)"
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
    assert set(payload) == {"question", "answer", "results"}
    assert payload["question"] == "Is Cuba a military partner of Belarus?"
    assert len(payload["results"]) == 2
    scores = [r["score"] for r in payload["results"]]
    assert scores == sorted(scores, reverse=True)
    assert payload["results"][0]["id"] == "a000-exchanges-cuba"
    assert {"id", "text", "speaker", "certainty", "evidence", "links"} <= set(payload["results"][0])


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


def test_what_did_x_say_needs_x_to_have_said_or_done_it(asker):
    said = asker.ask("What did Lukashenko say about Wagner?")
    assert said.results[0]["speaker"]["id"] == "alexander-lukashenko"
    silent = asker.ask("What did Iran say about the military exchanges?")
    assert silent.answer is None and silent.reason == "the facts hold nothing said or done by iran"


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
    exact, synonyms = asker.lexicon("frozen")
    assert "suspended" in synonyms and exact == ["frozen"]
    exact, _ = asker.lexicon("defense")
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
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    top1 = top3 = 0
    for item in data["questions"]:
        got = [r["id"] for r in asker.ask(item["q"]).results]
        top1 += bool(got) and got[0] in item["answers"]
        top3 += any(g in item["answers"] for g in got[:3])
    abstained = sum(asker.ask(item["q"]).answer is None for item in data["unanswerable"])
    n = len(data["questions"])
    return top1 / n, top3 / n, abstained / len(data["unanswerable"])


@pytest.mark.parametrize("name", ["questions.toml", "questions_holdout.toml"])
def test_question_sets_are_answered(asker, name):
    data = tomllib.loads((DATA / name).read_text(encoding="utf-8"))
    top1, top3, abstained = _score(asker, DATA / name)
    assert top1 >= 0.9 and top3 >= 0.97 and abstained == 1.0, (top1, top3, abstained)
    if name == "questions.toml":
        assert len(data["questions"]) >= 60 and len(data["unanswerable"]) >= 10
