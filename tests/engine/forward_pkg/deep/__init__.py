"""A subpackage whose model names an alias from a sibling package, imported only for type checkers."""
