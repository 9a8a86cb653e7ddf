"""Load stage: find the model's files (sources.py) and read YAML keeping every position (yaml.py)."""
