"""Corpus-level processing: batch ingest, duplicates, stories, per-site statistics."""
