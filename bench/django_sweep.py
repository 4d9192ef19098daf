"""Real-world validity: every concrete model of many pip-installed Django apps, created and full_clean-ed.

Run in a scratch virtualenv that has this checkout and the swept apps installed (not the project's
own dependencies)::

    python -m venv /tmp/sweep/venv
    /tmp/sweep/venv/bin/pip install -e . "django>=5.2,<6" wagtail django-cms django-filer \
        django-allauth django-taggit django-guardian django-oauth-toolkit django-celery-beat \
        django-simple-history django-reversion django-axes django-constance django-otp \
        django-polymorphic django-countries django-waffle django-auditlog django-money \
        django-phonenumber-field phonenumbers django-import-export django-model-utils django-mptt \
        django-contrib-comments django-celery-results django-post-office django-organizations \
        django-notifications-hq django-activity-stream "django-two-factor-auth[webauthn]" dj-stripe \
        django-oscar djangorestframework djangorestframework-simplejwt django-rest-knox django-silk \
        django-health-check django-q2 croniter django-user-sessions django-push-notifications \
        django-robots django-cities-light django-address django-scheduler django-comments-xtd \
        django-mailer django-easy-audit django-watson django-helpdesk django-summernote \
        django-newsletter sorl-thumbnail django-viewflow django-background-tasks \
        djangocms-link djangocms-text djangocms-alias wagtailmenus wagtail-localize django-ledger \
        django-friendship django-admin-interface django-sitetree django-flags django-dynamic-preferences \
        django-cookie-consent djangorestframework-api-key social-auth-app-django django-rest-passwordreset \
        django-simple-captcha django-otp-webauthn django-avatar
    /tmp/sweep/venv/bin/python bench/django_sweep.py [--seeds 1 2 3] [--rows 3] [--only app_label ...]
    /tmp/sweep/venv/bin/python bench/django_sweep.py --project oscar   # django-oscar, settings of its own

The settings are built here (a temporary SQLite file, every app below installed, plus a small app of
models using the third-party fields and base classes: django-money, phonenumber, countries, taggit,
simple_history, mptt, treebeard, polymorphic, model_utils); ``migrate`` builds the tables, then each
seed makes ``rows`` rows of every concrete model in one transaction (rolled back at the end, so
earlier models' rows are candidate parents of later ones), reads each row back and runs
``full_clean`` on it. A model passes a seed when all its rows are saved and valid; otherwise the
error is printed: a ForgeError (a clear refusal) or anything else (a bug).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import traceback
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

#: the third-party apps swept, by the pip package that brings them
SWEPT = {
    "wagtail": [
        "wagtail.contrib.forms",
        "wagtail.contrib.redirects",
        "wagtail.contrib.settings",
        "wagtail.contrib.search_promotions",
        "wagtail.embeds",
        "wagtail.sites",
        "wagtail.users",
        "wagtail.snippets",
        "wagtail.documents",
        "wagtail.images",
        "wagtail.search",
        "wagtail.admin",
        "wagtail",
    ],
    "django-cms": ["cms", "menus"],
    "django-filer": ["filer"],
    "easy-thumbnails (django-filer's)": ["easy_thumbnails"],
    "django-allauth": [
        "allauth",
        "allauth.account",
        "allauth.socialaccount",
        "allauth.mfa",
        "allauth.usersessions",
    ],
    "django-taggit": ["taggit"],
    "django-guardian": ["guardian"],
    "django-oauth-toolkit": ["oauth2_provider"],
    "django-celery-beat": ["django_celery_beat"],
    "django-reversion": ["reversion"],
    "django-axes": ["axes"],
    "django-constance": ["constance"],
    "django-otp": [
        "django_otp",
        "django_otp.plugins.otp_totp",
        "django_otp.plugins.otp_hotp",
        "django_otp.plugins.otp_static",
        "django_otp.plugins.otp_email",
    ],
    "django-waffle": ["waffle"],
    "django-auditlog": ["auditlog"],
    "django-import-export": ["import_export"],
    # session 5: the brief's other named apps, then widely used apps with concrete models (chosen before
    # any result; docs/dev-notes/2026-12-06-s5/issue-15-sweep.md). Installed but not swept:
    # django-notifications-hq 1.8.3 (Meta.index_together, gone in Django 5.1: its models do not load),
    # django-health-check 4.x (no concrete models), django-oscar (its "address" app label clashes with
    # django-address's; it needs settings of its own, not built yet)
    "django-contrib-comments": ["django_comments"],
    "django-comments-xtd": ["django_comments_xtd"],
    "django-celery-results": ["django_celery_results"],
    "django-post-office": ["post_office"],
    "django-organizations": ["organizations"],
    "django-activity-stream": ["actstream"],
    "django-two-factor-auth": ["two_factor", "two_factor.plugins.phonenumber", "two_factor.plugins.webauthn"],
    "dj-stripe": ["djstripe"],
    "djangorestframework": ["rest_framework", "rest_framework.authtoken"],
    "djangorestframework-simplejwt": ["rest_framework_simplejwt.token_blacklist"],
    "django-rest-knox": ["knox"],
    "django-silk": ["silk"],
    "django-q2": ["django_q"],
    "django-user-sessions": ["user_sessions"],
    "django-push-notifications": ["push_notifications"],
    "django-robots": ["robots"],
    "django-address": ["address"],
    "django-cities-light": ["cities_light"],
    "django-scheduler": ["schedule"],
    "django-mailer": ["mailer"],
    "django-easy-audit": ["easyaudit"],
    "django-watson": ["watson"],
    "django-helpdesk": ["helpdesk"],
    "django-summernote": ["django_summernote"],
    "django-newsletter": ["newsletter"],
    "django-viewflow": ["viewflow", "viewflow.workflow"],
    "django-background-tasks": ["background_task"],
    # session 7: 18 apps nobody had tuned on, chosen by a criterion before any run (maintained, Python
    # 3.11 wheel, Django 5.2, installs without downgrading the others, concrete models; the list and
    # what the criterion left out: docs/dev-notes/2026-12-06-s7/issue-15-new-apps.md)
    "djangocms-link": ["djangocms_link"],
    "djangocms-text": ["djangocms_text"],
    "djangocms-alias": ["djangocms_alias"],
    "wagtailmenus": ["wagtailmenus"],
    "wagtail-localize": ["wagtail_localize"],
    "django-ledger": ["django_ledger"],
    "django-friendship": ["friendship"],
    "django-admin-interface": ["admin_interface"],
    "django-sitetree": ["sitetree"],
    "django-flags": ["flags"],
    "django-dynamic-preferences": ["dynamic_preferences", "dynamic_preferences.users"],
    "django-cookie-consent": ["cookie_consent"],
    "djangorestframework-api-key": ["rest_framework_api_key"],
    "social-auth-app-django": ["social_django"],
    "django-rest-passwordreset": ["django_rest_passwordreset"],
    "django-simple-captcha": ["captcha"],
    "django-otp-webauthn": ["django_otp_webauthn"],
    "django-avatar": ["avatar"],
    "fields and base classes (sweepapp)": ["sweepapp"],
}
SUPPORT = ["modelcluster", "treebeard", "sekizai", "classytags", "polymorphic", "mptt", "djmoney"]
SUPPORT += ["phonenumber_field", "django_countries", "simple_history"]
SUPPORT += ["parler", "colorfield"]  # session 7: djangocms-alias's translations, admin-interface's colours
DJANGO = [f"django.contrib.{name}" for name in ("admin", "auth", "contenttypes", "sessions", "messages")]
DJANGO += ["django.contrib.sites", "django.contrib.staticfiles"]

SWEEP_MODELS = """
from django.db import models
from djmoney.models.fields import MoneyField
from django_countries.fields import CountryField
from mptt.models import MPTTModel, TreeForeignKey
from model_utils import Choices
from model_utils.models import StatusModel, TimeStampedModel, SoftDeletableModel
from phonenumber_field.modelfields import PhoneNumberField
from polymorphic.models import PolymorphicModel
from simple_history.models import HistoricalRecords
from taggit.managers import TaggableManager
from treebeard.al_tree import AL_Node
from treebeard.mp_tree import MP_Node
from treebeard.ns_tree import NS_Node


class Product(models.Model):
    name = models.CharField(max_length=80)
    price = MoneyField(max_digits=10, decimal_places=2, default_currency="EUR")
    phone = PhoneNumberField()
    country = CountryField()
    markets = CountryField(multiple=True, blank=True)
    tags = TaggableManager(blank=True)
    history = HistoricalRecords()


class Article(TimeStampedModel, StatusModel, SoftDeletableModel):
    STATUS = Choices("draft", "published")
    title = models.CharField(max_length=100)


class Folder(MPTTModel):
    name = models.CharField(max_length=50)
    parent = TreeForeignKey("self", null=True, blank=True, on_delete=models.CASCADE, related_name="children")


class Chapter(MP_Node):
    title = models.CharField(max_length=50)


class Section(NS_Node):
    title = models.CharField(max_length=50)


class Branch(AL_Node):
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE, related_name="children")
    sib_order = models.PositiveIntegerField()
    title = models.CharField(max_length=50)


class Animal(PolymorphicModel):
    name = models.CharField(max_length=50)


class Dog(Animal):
    barks = models.BooleanField(default=True)
"""


def configure(workdir: Path) -> list[str]:
    """Settings for every swept app; returns the app labels swept."""
    import django
    from django.conf import settings

    app = workdir / "sweepapp"
    app.mkdir(exist_ok=True)
    (app / "__init__.py").write_text("")
    (app / "models.py").write_text(SWEEP_MODELS)
    sys.path.insert(0, str(workdir))
    swept = [name for names in SWEPT.values() for name in names]
    settings.configure(
        INSTALLED_APPS=[*DJANGO, *SUPPORT, *swept],
        DATABASES={"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": str(workdir / "sweep.db")}},
        USE_TZ=True,
        SECRET_KEY="forge-sweep",
        SITE_ID=1,
        DEFAULT_AUTO_FIELD="django.db.models.BigAutoField",
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
        MEDIA_ROOT=str(workdir / "media"),
        STATIC_URL="/static/",
        ROOT_URLCONF=__name__,
        WAGTAIL_SITE_NAME="sweep",
        WAGTAILADMIN_BASE_URL="http://localhost",
        CMS_TEMPLATES=[("base.html", "Base")],
        LANGUAGES=[("en", "English")],
        LANGUAGE_CODE="en",
        CONSTANCE_BACKEND="constance.backends.database.DatabaseBackend",
        TEMPLATES=[
            {
                "BACKEND": "django.template.backends.django.DjangoTemplates",
                "APP_DIRS": True,
                "OPTIONS": {
                    "context_processors": [
                        "django.template.context_processors.request",
                        "django.contrib.auth.context_processors.auth",
                        "sekizai.context_processors.sekizai",
                        "cms.context_processors.cms_settings",
                    ]
                },
            }
        ],
        MIDDLEWARE=[
            "django.contrib.sessions.middleware.SessionMiddleware",
            "django.contrib.auth.middleware.AuthenticationMiddleware",
            "allauth.account.middleware.AccountMiddleware",
        ],
        SILENCED_SYSTEM_CHECKS=["fields.E210"],
        NEWSLETTER_THUMBNAIL="easy-thumbnails",
        COMMENTS_APP="django_comments_xtd",
        HAYSTACK_CONNECTIONS={"default": {"ENGINE": "haystack.backends.simple_backend.SimpleEngine"}},
        DJSTRIPE_FOREIGN_KEY_TO_FIELD="id",
        TWO_FACTOR_WEBAUTHN_RP_NAME="sweep",
        HELPDESK_TEAMS_MODE_ENABLED=False,  # teams mode needs pinax-teams, no helpdesk dependency
    )
    django.setup()
    from django.apps import apps

    labels = {a.name: a.label for a in apps.get_app_configs()}
    return [labels[name] for name in swept]


urlpatterns: list[object] = []


def sweep_models(labels: list[str]) -> list[type]:
    """Every concrete model with a table the swept apps define (proxies included, unmanaged left out)."""
    from django.apps import apps

    found = []
    for label in labels:
        for model in apps.get_app_config(label).get_models():
            if model._meta.managed and not model._meta.abstract:
                found.append(model)
    return found


def run_seed(seed: int, models: list[type], rows: int) -> dict[str, tuple[str, str]]:
    """Make ``rows`` of every model; returns model → (outcome, detail) for the ones that did not pass."""
    from django.core.exceptions import ValidationError
    from django.db import transaction

    from pytest_forge import Forge
    from pytest_forge.errors import ForgeError

    failed: dict[str, tuple[str, str]] = {}
    forge = Forge(seed=seed, allow_pii=True)  # the gates are policy, not validity: open here

    class Rollback(Exception):
        pass

    try:
        with transaction.atomic():
            for model in models:
                name = model._meta.label
                try:
                    # only the call in a savepoint: a failing call rolls back and the forge forgets its
                    # rows; rows of a call that succeeded stay (the forge offers them as parents later)
                    with transaction.atomic():
                        made = forge.create_batch(model, rows)
                    key = model._meta.pk.attname  # not .pk: a model may redefine it (DRF's TokenProxy)
                    for instance in made:
                        try:
                            model._base_manager.get(**{key: getattr(instance, key)}).full_clean()
                        except ValidationError as exc:
                            failed[name] = ("invalid", f"saved, but full_clean refuses it: {exc}")
                    problem = tree_problem(model)
                    if problem:
                        failed[name] = ("invalid", f"saved, but not a consistent tree: {problem}")
                except ForgeError as exc:
                    failed[name] = ("ForgeError", f"{type(exc).__name__}: {exc}")
                except Exception as exc:
                    failed[name] = ("other", f"{type(exc).__name__}: {exc}\n{traceback.format_exc(limit=-4)}")
            raise Rollback
    except Rollback:
        pass
    return failed


def tree_problem(model: type) -> str | None:
    """What is wrong with the tree a tree model's rows make (None: consistent, or not a tree model):
    django-mptt columns must be what ``rebuild`` computes from the parent links; treebeard
    materialised paths pass ``find_problems``; nested sets nest within each tree."""
    from mptt.models import MPTTModel
    from treebeard.mp_tree import MP_Node
    from treebeard.ns_tree import NS_Node

    if issubclass(model, MPTTModel):
        columns = ("pk", "tree_id", "lft", "rght", "level")
        before = sorted(model._tree_manager.values_list(*columns))
        model._tree_manager.rebuild()
        after = sorted(model._tree_manager.values_list(*columns))
        return None if before == after else f"mptt columns differ from a rebuild: {before[:3]} ..."
    if issubclass(model, MP_Node):
        found = [ids for ids in model.find_problems() if ids]
        return f"find_problems: {found}" if found else None
    if issubclass(model, NS_Node):
        by_tree: dict[int, list[tuple[int, int]]] = {}
        for tree_id, lft, rgt in model._base_manager.values_list("tree_id", "lft", "rgt"):
            by_tree.setdefault(tree_id, []).append((lft, rgt))
        for tree_id, spans in by_tree.items():
            spans.sort()
            if spans[0] != (1, 2 * len(spans)) or any(lo >= hi for lo, hi in spans):
                return f"tree {tree_id}: spans {spans[:4]}"
        return None
    return None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, nargs="+", default=[1, 2, 3])
    parser.add_argument("--rows", type=int, default=3)
    parser.add_argument("--only", nargs="*", default=None, help="app labels to sweep (default: all)")
    parser.add_argument("--verbose", action="store_true", help="print tracebacks of unexpected errors")
    parser.add_argument(
        "--project", choices=["main", "oscar"], default="main", help="oscar: django-oscar's own settings"
    )
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="forge-sweep-"))
    if args.project == "oscar":
        from django_sweep_oscar import configure_oscar

        labels = configure_oscar(workdir)
    else:
        labels = configure(workdir)
    from django.core.management import call_command

    call_command("migrate", verbosity=0, run_syncdb=True, skip_checks=True)
    chosen = labels if not args.only else [label for label in labels if label in args.only]
    models = sweep_models(chosen)
    outcomes: Counter[str] = Counter()
    failures: Counter[str] = Counter()  # model label -> failed seeds
    for seed in args.seeds:
        failed = run_seed(seed, models, args.rows)
        outcomes["passed"] += len(models) - len(failed)
        for name, (kind, detail) in sorted(failed.items()):
            outcomes[kind] += 1
            failures[name] += 1
            text = detail if args.verbose else detail.splitlines()[0][:400]
            print(f"seed {seed} {name}: {kind}: {text}")
    print_per_package(models, failures, len(args.seeds))
    total = max(1, len(models) * len(args.seeds))
    apps_swept = sorted({m._meta.app_label for m in models})
    packages = len({package_of(m) for m in models})
    print(f"\n{len(models)} models of {len(apps_swept)} app labels ({packages} packages), seeds {args.seeds}")
    print(
        f"model x seed runs: {total}; passed {outcomes['passed']} ({outcomes['passed'] / total:.1%}); ",
        end="",
    )
    print(f"clear ForgeError {outcomes['ForgeError']}; saved but invalid {outcomes['invalid']}; ", end="")
    print(f"other errors {outcomes['other']}")


def package_of(model: type) -> str:
    """The pip package (a SWEPT key) whose app defines ``model``."""
    from django_sweep_oscar import PACKAGE, is_oscar

    if is_oscar(model):
        return PACKAGE
    name = model._meta.app_config.name
    return next(package for package, apps in SWEPT.items() if name in apps)


def print_per_package(models: list[type], failures: Counter[str], seeds: int) -> None:
    """One line per package: its models, and the model x seed runs that passed."""
    counts: dict[str, list[int]] = {}
    for model in models:
        row = counts.setdefault(package_of(model), [0, 0])
        row[0] += 1
        row[1] += seeds - failures[model._meta.label]
    print("\npackage | models | runs passed")
    for package, (made, passed) in sorted(counts.items()):
        print(f"{package} | {made} | {passed}/{made * seeds} ({passed / (made * seeds):.1%})")


if __name__ == "__main__":
    main()
