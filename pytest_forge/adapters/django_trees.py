"""Tree models: a new node gets a real place instead of drawn tree columns.

django-treebeard materialised-path trees (wagtail's pages among them): a drawn ``path`` would make
a node whose parent does not exist (wagtail's ``Page.clean`` asks for it), so before validation a
node is placed as treebeard's ``add_child`` would: the last child of the tree's last root (or the
next root when the tree is empty), and after it is saved its parent's ``numchild`` grows by one.
Nodes placed by one call and not yet saved are counted too.

django-treebeard nested sets: a node is a new root of its own tree (the next ``tree_id``, ``lft``
1, ``rgt`` 2, ``depth`` 1). django-mptt: the tree columns are left for the model's own ``save``,
which inserts the node under its drawn parent (or as a new root) as ``insert_node`` does; in a
``bulk=True`` batch, where ``save`` does not run, they stay as drawn. Adjacency-list nodes need
nothing: a parent that exists makes a tree.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pytest_forge.adapters.django_saving import tree_last

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = ["TREE_PARENT", "grow_parent", "own_content_type", "tree_placer"]

#: where a placed node keeps (tree model, parent key) until it is saved
TREE_PARENT = "_forge_tree_parent"


def tree_placer(model: Any) -> Callable[[Any], None] | None:
    """Places an unsaved node of a treebeard ``MP_Node`` or ``NS_Node`` model or a django-mptt
    ``MPTTModel`` (None for any other model)."""
    return _mptt_placer(model) or _ns_placer(model) or _mp_placer(model)


def _mptt_placer(model: Any) -> Callable[[Any], None] | None:
    try:
        from mptt.models import MPTTModel  # type: ignore[import-not-found,unused-ignore]
    except ImportError:
        return None
    if not issubclass(model, MPTTModel):
        return None
    opts = model._mptt_meta

    def place(instance: Any) -> None:
        # valid for full_clean, and falsy: MPTTModel.save inserts the node (it keeps set lft/rght)
        for name in (opts.left_attr, opts.right_attr, opts.tree_id_attr, opts.level_attr):
            setattr(instance, name, 0)

    return place


def _ns_placer(model: Any) -> Callable[[Any], None] | None:
    try:
        from treebeard.ns_tree import NS_Node  # type: ignore[import-not-found,unused-ignore]
    except ImportError:
        return None
    if not issubclass(model, NS_Node):
        return None

    def place(instance: Any) -> None:
        from django.db.models import Max

        stored = model._base_manager.aggregate(top=Max("tree_id"))["top"] or 0
        given = tree_last(model, "tree_id")
        tree_id = max(stored, int(given) if given else 0) + 1
        tree_last(model, "tree_id", str(tree_id))
        instance.tree_id, instance.lft, instance.rgt, instance.depth = tree_id, 1, 2, 1

    return place


def _mp_placer(model: Any) -> Callable[[Any], None] | None:
    try:
        from treebeard.mp_tree import MP_Node  # type: ignore[import-not-found,unused-ignore]
    except ImportError:
        return None
    if not issubclass(model, MP_Node):
        return None
    tree = model.tree_model() if hasattr(model, "tree_model") else model

    def place(instance: Any) -> None:
        parent = tree.get_last_root_node()
        depth = 1 if parent is None else parent.depth + 1
        base = "" if parent is None else parent.path
        rows = tree._base_manager.filter(path__startswith=base, depth=depth)
        stored = rows.order_by("-path").values_list("path", flat=True).first()
        last = max((p for p in (stored, tree_last(tree, base)) if p), default=None)
        path = tree(path=last)._inc_path() if last else tree._get_path(base or None, depth, 1)
        tree_last(tree, base, path)
        instance.path, instance.depth, instance.numchild = path, depth, 0
        if parent is not None:
            instance.__dict__[TREE_PARENT] = (tree, parent.pk)

    return place


def grow_parent(row: Any) -> None:
    """After a placed node is saved: its parent has one more child."""
    from django.db.models import F

    placed = row.__dict__.pop(TREE_PARENT, None)
    if placed is not None:
        tree, key = placed
        tree._base_manager.filter(pk=key).update(numchild=F("numchild") + 1)


def own_content_type(model: Any) -> Callable[[Any], None]:
    """A content-type key the model's constructor fills with the row's own class (wagtail's
    ``Page.content_type``: ``page.specific`` reads it) keeps a drawn type only when it is that class
    or a subclass; any other is replaced by the constructor's (found once, on the first row)."""
    found: list[list[str]] = []

    def fix(instance: Any) -> None:
        if not found:
            found.append(_filled_by_constructor(model))
        for name in found[0]:
            drawn = getattr(instance, name, None)
            kind = drawn.model_class() if drawn is not None else None
            if kind is None or not issubclass(kind, model):
                from django.contrib.contenttypes.models import ContentType

                setattr(instance, name, ContentType.objects.get_for_model(instance))

    return fix


def _filled_by_constructor(model: Any) -> list[str]:
    from django.contrib.contenttypes.models import ContentType

    keys = [
        f
        for f in model._meta.concrete_fields
        if f.is_relation and f.related_model is ContentType and not f.has_default()
    ]
    if not keys:
        return []
    probe = model()
    return [f.name for f in keys if getattr(probe, f.attname, None) is not None]
