"""A package whose models name a sibling module imported only for type checkers (as atproto does)."""
