"""Django integration: put ``'pytest_forge.django'`` in ``INSTALLED_APPS`` for the ``loadtestdata``
command and for blueprint discovery (each installed app's ``forge_blueprints.py``).

``forge.create(Model)`` on a Django model needs neither: the adapter (``pytest_forge.adapters.django_models``)
works for any configured Django project.
"""

from __future__ import annotations
