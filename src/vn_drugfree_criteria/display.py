"""How a domain object asks to be shown, without knowing who draws it.

Result and plan types inherit :class:`Displayable`, whose ``_repr_html_`` (the hook Jupyter
calls) asks :func:`html` for a rendering. :func:`html` is a :func:`functools.singledispatch`
function: the presentation layer (:mod:`vn_drugfree_criteria.viz.html`) registers one renderer
per type with ``@html.register``. The domain therefore never imports presentation code, and the
renderers are loaded only the first time a notebook asks for one.

A type without a renderer is still shown, as its escaped ``repr``:

>>> import attrs
>>> @attrs.frozen
... class Note(Displayable):
...     text: str
>>> Note("<b>")._repr_html_()
'<pre>Note(text=&#x27;&lt;b&gt;&#x27;)</pre>'
"""

from __future__ import annotations

import functools
import html as _html
import importlib

__all__ = ["RENDERER_MODULES", "Displayable", "html"]

RENDERER_MODULES = ("vn_drugfree_criteria.viz.html",)
"""The modules that register renderers with :func:`html`; imported on the first rendering."""

_loaded: list[bool] = []


def _load_renderers() -> bool:
    """Import the renderer modules once; whether this call imported them."""
    if _loaded:
        return False
    _loaded.append(True)
    for name in RENDERER_MODULES:
        importlib.import_module(name)
    return True


@functools.singledispatch
def html(obj: object) -> str:
    """HTML for ``obj``: its registered renderer, else its escaped ``repr`` in ``<pre>``.

    Args:
        obj: Any object; result and plan types of this library have a renderer.

    Returns:
        An HTML fragment in which every piece of text is escaped.
    """
    if _load_renderers():
        return html(obj)
    return f"<pre>{_html.escape(repr(obj), quote=True)}</pre>"


class Displayable:
    """Mixin for the types shown in notebooks: ``_repr_html_`` renders through :func:`html`."""

    __slots__ = ()

    def _repr_html_(self) -> str:
        """HTML for notebooks (every piece of text escaped)."""
        return html(self)
