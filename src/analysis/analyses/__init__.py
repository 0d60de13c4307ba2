"""Analyses of a figures table: pure functions, figures DataFrame in, tidy DataFrame out.

Not imported by ``import analysis``; it needs pandas (and statsmodels inside
:func:`target_setting_model`). Every returned frame carries ``doc`` and the ``start`` of each
input figure it uses (named ``*_start`` columns or a ``sources`` tuple), units in their own
column, and a ``note`` column for caveats. Inputs are looked up by indicator_id, else by
wording and unit (:mod:`analysis.analyses.lookup`); assumptions come from
``data/reference/assumptions.csv``.

The names below are what the notebooks and the README call. The building blocks stay in
their modules: :mod:`.lookup` (``SPECS``, ``Spec``, ``find``, ``require``, ``FigureRow``),
:mod:`.ratios` (``RATIOS``, ``industry_ratios``), :mod:`.panel` (``target_mentions``,
``headline_pairs`` ...).

- growth: :func:`implied_base`, :func:`pp_changes`
- ratios: :func:`derived_ratios`
- feasibility: :func:`target_feasibility`, :func:`target_setting_model`,
  :func:`context_comparison`
- composition: :func:`sector_composition`, :func:`composition_sensitivity`
- checks: :func:`consistency_checks`
- panel: :func:`target_outcomes`, :func:`panel_problems`
- reference data: :func:`load_assumptions`
"""

from __future__ import annotations

from .checks import consistency_checks
from .composition import composition_sensitivity, sector_composition
from .feasibility import context_comparison, target_feasibility, target_setting_model
from .growth import implied_base, pp_changes
from .lookup import load_assumptions
from .panel import panel_problems, target_outcomes
from .ratios import derived_ratios

__all__ = [
    "composition_sensitivity",
    "consistency_checks",
    "context_comparison",
    "derived_ratios",
    "implied_base",
    "load_assumptions",
    "panel_problems",
    "pp_changes",
    "sector_composition",
    "target_feasibility",
    "target_outcomes",
    "target_setting_model",
]
