"""From a neutral ModelSpec to instances: compile each field, draw, validate through the adapter.

``compiler`` dispatches every TypeSpec kind (one table), ``scalars``/``structures``
build the generators from ``values`` and ``providers``, ``plan`` gives each field its
own seeded stream, ``builder`` draws records and re-draws what the adapter refuses.
"""
