"""The process diagram layout, one job per module: geometry (the dataclasses), text (sizes and
wording), ranks (Graphviz columns), place (lanes and node positions), route (orthogonal edges),
labels (branch label boxes). render/layout.py is the entry point."""
