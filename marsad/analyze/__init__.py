"""Analysers: each one a pipeline component that adds a layer to an Article.

This package shares its name with the public function ``marsad.analyze(text)``: once a
submodule such as ``marsad.analyze.ner`` is imported, Python binds the package to the
``marsad.analyze`` attribute and would hide the function.  The package is therefore
itself callable and forwards to :func:`marsad.api.analyze`, so both spellings work.
"""

import sys as _sys
import types as _types


class _CallableModule(_types.ModuleType):
    def __call__(self, *args, **kwargs):
        from marsad.api import analyze

        return analyze(*args, **kwargs)


_sys.modules[__name__].__class__ = _CallableModule
