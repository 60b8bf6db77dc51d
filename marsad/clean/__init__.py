"""Cleaning and structure: from scraped text to title, tags, blocks and clean text."""

from marsad.clean.cleaner import clean_article, line_key, set_site_line_frequency

__all__ = ["clean_article", "line_key", "set_site_line_frequency"]
