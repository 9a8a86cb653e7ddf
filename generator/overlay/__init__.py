"""Overlay stage: a region's changes merged into the national documents by id (merge.py)."""
