"""Enrichment: small pure detectors that turn a RawArticle into an Article."""
