"""Answering plain-English questions from the facts.

parse (the question's type, words and dates) -> spelling and words (corrections; the curators'
lexicon and the WordNet-derived table) -> rank (candidates from the index through
`search.Search`, scored with one `Weights` object) -> compose (the answer's wording, disputes
said), or person (answers from a person's or body's record).
"""

from belarus_nato_cli.ask.compose import disputes, label
from belarus_nato_cli.ask.engine import Answer, Asker

__all__ = ["Answer", "Asker", "disputes", "label"]
