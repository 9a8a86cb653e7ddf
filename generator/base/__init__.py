"""A region repository's national base: where it is, fetching it into the cache, what it pins."""
