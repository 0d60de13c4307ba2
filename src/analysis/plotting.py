"""Matplotlib helpers that make figures render Chinese text with a font the package ships.

Why: the reports are Chinese, and a fresh machine (CI, a new laptop, a container) usually
has no CJK system font, so matplotlib would draw empty boxes and warn "Glyph ... missing
from font(s)". This package ships ``fonts/NotoSansCJKsc-Regular-subset.ttf``, a subset of
Noto Sans CJK SC (SIL Open Font License 1.1, see ``fonts/OFL.txt``) that covers every
GB2312 and Big5 ideograph (simplified and traditional) plus Latin, punctuation, ①, Ⅲ,
℃, full-width forms, etc. Its outlines are TrueType, so it embeds in PDF as Type 42.

Use :func:`use_cjk_font` once before plotting, and :func:`glyph_warnings_as_errors` in
tests and notebooks to turn a missing glyph into an error instead of a silent box.

matplotlib is imported lazily inside the functions, so ``import analysis.plotting``
stays cheap and does not import matplotlib.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path

__all__ = ["CJK_FONT_FILE", "cjk_font_path", "glyph_warnings_as_errors", "use_cjk_font"]

#: File name of the bundled font inside the ``analysis.fonts`` resource directory.
CJK_FONT_FILE = "NotoSansCJKsc-Regular-subset.ttf"

# Regex for matplotlib's missing-glyph warning, e.g.
# "Glyph 22320 (\N{CJK UNIFIED IDEOGRAPH-5730}) missing from font(s) DejaVu Sans."
# (older matplotlib: "... missing from current font.").
_GLYPH_WARNING = r"Glyph \d+ .*missing from"


def cjk_font_path() -> Path:
    """Return the path of the bundled CJK font file.

    Resolved through :mod:`importlib.resources`, so it works from a source checkout and
    from an installed wheel. Raises :class:`FileNotFoundError` naming the file if the
    package data is missing (e.g. a build that dropped ``fonts/*``).
    """
    resource = resources.files("analysis").joinpath("fonts", CJK_FONT_FILE)
    path = Path(str(resource))
    if not path.is_file():
        raise FileNotFoundError(
            f"bundled CJK font {CJK_FONT_FILE!r} not found at {path}; it should ship as "
            "package data analysis/fonts/ (rebuild with scripts/build_cjk_font.py)"
        )
    return path


def use_cjk_font() -> str:
    """Make matplotlib render Chinese and Latin text with the bundled font.

    Registers the font with matplotlib's font manager (once; repeat calls only reset
    rcParams, which is cheap) and puts its family first in ``font.sans-serif``, keeping
    the previous entries (DejaVu Sans) as fallbacks for any glyph it lacks. Also sets
    ``pdf.fonttype``/``ps.fonttype`` to 42 so PDF/EPS output embeds the TrueType font and
    text stays selectable. Returns the family name ("Noto Sans CJK SC").
    """
    import matplotlib as mpl
    from matplotlib import font_manager

    path = cjk_font_path()
    fname = str(path)
    manager = font_manager.fontManager
    if not any(entry.fname == fname for entry in manager.ttflist):
        manager.addfont(fname)  # also clears findfont's cache
        # findfont keeps the first of equally good matches: put the bundled font before any
        # system font of the same family so output is the same on every machine.
        manager.ttflist.sort(key=lambda entry: entry.fname != fname)
    family: str = font_manager.get_font(fname).family_name

    sans = [name for name in mpl.rcParams["font.sans-serif"] if name != family]
    mpl.rcParams["font.family"] = ["sans-serif"]
    mpl.rcParams["font.sans-serif"] = [family, *sans]
    mpl.rcParams["pdf.fonttype"] = 42
    mpl.rcParams["ps.fonttype"] = 42
    if not font_manager.get_font(fname).get_char_index(ord("\N{MINUS SIGN}")):
        mpl.rcParams["axes.unicode_minus"] = False  # use ASCII '-' if U+2212 is absent
    return family


@contextmanager
def glyph_warnings_as_errors() -> Iterator[None]:
    """Turn matplotlib's "Glyph ... missing from font(s)" warnings into errors.

    Why: a missing glyph only draws an empty box and warns, which is easy to miss in a
    notebook or a test log. Inside this block it raises ``UserWarning`` instead. Other
    warnings keep the filters that were in force.
    """
    with warnings.catch_warnings():
        warnings.filterwarnings("error", message=_GLYPH_WARNING, category=UserWarning)
        yield
