"""Arabic full-text search: query parsing, term analysis, snippets.

The store backends execute the parsed query; this package holds everything that is
independent of the backend.
"""
