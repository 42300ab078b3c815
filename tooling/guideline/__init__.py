"""Toolkit for the co-written home-visit guideline and its case collection."""

__version__ = "0.1.0"
