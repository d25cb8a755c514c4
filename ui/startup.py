"""Start-up: the window imports only what its first screen needs.

sqlite-utils loads, on import, the machinery of its own command line: pluggy
with its hook specifications (which import click) to run plugins from other
installed packages, and ``sqlite_utils.recipes`` (which imports dateutil) for
``--convert``. Together about a quarter of a second, and the window uses
neither: it opens its connections itself and runs no sqlite-utils plugins
(code from other packages has no business in the reviewer's library). So the
window process gets a plugin manager without plugins, and the recipes module
is read only if something uses it, as is click (``sqlite_utils.utils`` uses it
only inside its progress-bar helpers). The command line is not affected.
"""
from __future__ import annotations

import importlib.util
import sys
import types
from pathlib import Path
from typing import Any


def _marker(function: Any = None, **_options: Any) -> Any:
    """A hook marker that marks nothing (there are no plugins to find it)."""
    return function if function is not None else (lambda f: f)


class _Deferred(types.ModuleType):
    """A module that is read from its file on first use of one of its names."""

    def __init__(self, name: str, path: Path) -> None:
        super().__init__(name)
        self.__file__ = str(path)
        self._path = path

    def __getattr__(self, attr: str) -> Any:
        if attr.startswith("__"):
            raise AttributeError(attr)
        spec = importlib.util.spec_from_file_location(self.__name__, self._path)
        assert spec is not None and spec.loader is not None
        real = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(real)
        sys.modules[self.__name__] = real
        self.__dict__.update(real.__dict__)
        return getattr(real, attr)


class _NoHooks:
    @staticmethod
    def prepare_connection(**_kwargs: Any) -> list:
        return []


class _NoPlugins:
    """Stands in for sqlite-utils' ``pm``: no plugins, no hooks to call."""

    hook = _NoHooks()

    def get_plugins(self) -> list:
        return []

    def list_plugin_distinfo(self) -> list:
        return []


def skip_sqlite_utils_cli() -> None:
    """Call before the first ``import sqlite_utils`` of the window process."""
    if "sqlite_utils" in sys.modules:
        return  # too late; nothing is changed half-way
    spec = importlib.util.find_spec("sqlite_utils")
    if spec is None or not spec.submodule_search_locations:
        return
    package = Path(next(iter(spec.submodule_search_locations)))
    plugins = types.ModuleType("sqlite_utils.plugins")
    plugins.pm = _NoPlugins()  # type: ignore[attr-defined]
    plugins.ensure_plugins_loaded = lambda: None  # type: ignore[attr-defined]
    plugins.get_plugins = lambda: []  # type: ignore[attr-defined]
    sys.modules["sqlite_utils.plugins"] = plugins
    hookspecs = types.ModuleType("sqlite_utils.hookspecs")
    hookspecs.hookimpl = hookspecs.hookspec = _marker  # type: ignore[attr-defined]
    sys.modules["sqlite_utils.hookspecs"] = hookspecs
    recipes = package / "recipes.py"
    if recipes.is_file():
        sys.modules["sqlite_utils.recipes"] = _Deferred("sqlite_utils.recipes", recipes)
    _defer_package("click")  # used by sqlite_utils.utils only inside its progress-bar helpers


def _defer_package(name: str) -> None:
    """Put a stand-in for package ``name`` in ``sys.modules`` that imports
    the real package on the first use of one of its names. (Python 3.11's
    ``LazyLoader`` loads on the ``import`` statement itself, which reads
    ``__spec__``.)"""
    if name in sys.modules or importlib.util.find_spec(name) is None:
        return
    sys.modules[name] = _DeferredPackage(name)


class _DeferredPackage(types.ModuleType):
    def __getattr__(self, attr: str) -> Any:
        if attr.startswith("__"):
            raise AttributeError(attr)
        if sys.modules.get(self.__name__) is self:
            del sys.modules[self.__name__]
        real = importlib.import_module(self.__name__)
        self.__dict__.update(real.__dict__)
        return getattr(real, attr)
