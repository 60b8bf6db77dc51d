"""Cleaning and structure: from scraped text to title, tags, blocks and clean text."""

from marsad.clean.cleaner import LineDecision, clean_article, explain, line_key, set_site_line_frequency

__all__ = ["LineDecision", "clean_article", "explain", "line_key", "set_site_line_frequency"]
