"""Every model has a factory, and each factory alone makes a row the database accepts,
so a test can ask for any record without spelling out fields it does not care about."""

import importlib
import inspect

import factory
import pytest
from django.apps import apps

FACTORY_MODULES = ["tests.factories"] + [
    f"{config.name}.tests.factories"
    for config in apps.get_app_configs()
    if config.name.startswith("cairn.")
]


def all_factories() -> dict[type, type]:
    found = {}
    for name in FACTORY_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError:
            continue
        for _, value in inspect.getmembers(module, inspect.isclass):
            if issubclass(value, factory.django.DjangoModelFactory) and value._meta.model:
                found[value._meta.model] = value
    return found


CAIRN_MODELS = sorted(
    (model for model in apps.get_models() if model.__module__.startswith("cairn.")),
    key=lambda model: model._meta.label,
)


def test_every_model_has_a_factory():
    missing = [model._meta.label for model in CAIRN_MODELS if model not in all_factories()]
    assert not missing, f"add a factory to cairn/<app>/tests/factories.py for {missing}"


@pytest.mark.parametrize("model", CAIRN_MODELS, ids=lambda model: model._meta.label)
def test_each_factory_saves_a_row_on_its_own(db, model):
    made = all_factories()[model]()
    assert model.objects.filter(pk=made.pk).exists()
