"""Schema stage: JSON Schema check (check.py); the schemas themselves are package data in schemas/."""
