"""bash completion with each value quoted for the shell: bash inserts what it is given as it
is, so 'SB. Belarus Today' must arrive quoted to stay one argument. Imported (and registered
with click) only when a shell asks for completions."""

from __future__ import annotations

import shlex

from click.shell_completion import BashComplete, CompletionItem, add_completion_class


class QuotingBashComplete(BashComplete):
    def format_completion(self, item: CompletionItem) -> str:
        value = item.value if item.type != "plain" else _quoted(str(item.value))
        return f"{item.type},{value}"


def _quoted(value: str) -> str:
    return value if value and shlex.quote(value) == value else shlex.quote(value)


add_completion_class(QuotingBashComplete, "bash")
