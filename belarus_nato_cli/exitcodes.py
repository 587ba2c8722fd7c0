"""The documented exit codes (README, `belarus-nato --help`)."""

OK = 0  # results
EMPTY = 1  # no results; for `validate`, the facts are invalid; for `ask`, no answer
USAGE = 2  # bad usage or input: unknown name, malformed date, unknown id
DATA = 3  # the fact data is invalid or unreadable
INTERNAL = 70  # a bug: please report it (run with --debug for the traceback)
INTERRUPTED = 130  # Ctrl-C

# What each code means, for the README's table (generated from here).
MEANINGS = {
    OK: "results",
    EMPTY: "no results (`validate`: the facts are invalid; `ask`: no answer)",
    USAGE: "bad usage or input: unknown or ambiguous name, malformed date, unknown id",
    DATA: "the fact data is invalid or unreadable (a `--facts` pack)",
    INTERNAL: "internal error (run with `--debug` for the traceback)",
    INTERRUPTED: "interrupted",
}
