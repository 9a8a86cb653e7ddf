"""TYP handbook toolkit: compiles declarative process/role/calendar models into handbooks.

Pipeline: load -> schema -> overlay -> model -> rules -> render -> site. The engine is generic;
everything TYP-specific lives in the YAML model.
"""

__version__ = "0.1.0"
