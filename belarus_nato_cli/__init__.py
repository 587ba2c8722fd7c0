"""belarus-nato: curated, sourced statements about Belarus-NATO relations."""

__version__ = "0.1.0"
