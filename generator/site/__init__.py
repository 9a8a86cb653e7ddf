"""Site stage: MkDocs config (config.py), hand-written pages (pages.py), build and atomic swap (build.py),
live preview (serve.py), versioned publishing with mike (publish.py)."""
