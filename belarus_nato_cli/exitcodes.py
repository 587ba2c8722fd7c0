"""The documented exit codes (README, `belarus-nato --help`)."""

OK = 0  # results
EMPTY = 1  # no results; for `validate`, the facts are invalid; for `ask`, no answer
USAGE = 2  # bad usage or input: unknown name, malformed date, unknown id
DATA = 3  # the fact data is invalid or unreadable
INTERNAL = 70  # a bug: please report it (run with --debug for the traceback)
INTERRUPTED = 130  # Ctrl-C
