"""ask: a plain-English question, answered from the facts with its sources."""

from __future__ import annotations

import json
from typing import Any

import click

from belarus_nato_cli import exitcodes
from belarus_nato_cli.cli.app import App
from belarus_nato_cli.errors import BadInput
from belarus_nato_cli.text import json_inert, require_utf8

MAX_QUESTION = 2000


@click.command(no_args_is_help=True)
@click.argument("question", nargs=-1, required=True)
@click.option(
    "--top", type=click.IntRange(1, 50), default=3, show_default=True, help="Results to show."
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="text for people; json: {question, answer, reason, notes, profile, results}"
    " (reason: why nothing answers it, when answer is null).",
)
@click.pass_obj
def ask(app: App, question: tuple[str, ...], top: int, fmt: str) -> int:
    """Ask a question in plain English; answered from the facts.

    The answer comes from the facts, with its sources.

    "Who is X" and "what is X's job" are answered from X's record: the verified description,
    then each source's title for X, disputed ones marked. A "when" question is answered with
    the date, "who said" with the speaker and the title the source gives, "why" says when the
    facts hold no reason; otherwise the best statement. Disputed statements and hedged or
    reported claims are labelled so; misspelt words are read as the closest known ones, and
    the reading is said on stderr. When nothing in the facts answers the question, it says
    what was not found and exits 1.

    \b
    Examples:
      belarus-nato ask "When were Belarus's relations with NATO suspended?"
      belarus-nato ask "Is Cuba a military partner of Belarus?" --format json
    """
    from belarus_nato_cli.ask import Asker

    text = require_utf8(" ".join(" ".join(question).split()), "the question")
    if not text:
        raise BadInput("the question is empty")
    if len(text) > MAX_QUESTION:
        raise BadInput(f"the question is too long ({len(text)} characters; at most {MAX_QUESTION})")
    answer = Asker(app.store()).ask(text, top)
    if fmt == "json":
        payload = {
            "question": text,
            "answer": answer.answer,
            "reason": answer.reason if answer.answer is None else None,
            "notes": answer.notes,
            "profile": answer.profile,
            "results": answer.results,
        }
        app.env.stdout.write(json_inert(json.dumps(payload, ensure_ascii=False, indent=2)) + "\n")
    else:
        # how the question was read is a message, not data: `| head -1` is the answer
        for line in answer.notes:
            app.env.note(line)
        _print_text(app, answer.answer, answer.results)
    if answer.answer is None:
        app.env.note(f"nothing in the facts answers this question ({answer.reason})")
        return exitcodes.EMPTY
    return exitcodes.OK


def _print_text(app: App, answer: str | None, results: list[dict[str, Any]]) -> None:
    if answer is None:
        return
    from belarus_nato_cli.ask import disputes, label
    from belarus_nato_cli.output.answers import write_answer

    write_answer(app.env, answer, results, label, details=disputes)
