"""Analysis of compiled models: semantic diff (diff.py), other versions (versions.py), drift (drift.py)."""
