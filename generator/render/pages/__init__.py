"""The handbook's pages, one module per page family; shared pieces in common.py."""
