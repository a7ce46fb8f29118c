"""Ingest: readers that turn files into text and metadata, and the content-addressed file store."""
