"""Analyses of a figures table: pure functions, figures DataFrame in, tidy DataFrame out.

Not imported by ``import analysis``; it needs pandas (and statsmodels inside
:func:`target_setting_model`). Every returned frame carries ``doc`` and the ``start`` of each
input figure it uses (named ``*_start`` columns or a ``sources`` tuple), units in their own
column, and a ``note`` column for caveats. Inputs are looked up by indicator_id, else by
wording and unit (:mod:`analysis.analyses.lookup`); assumptions come from
``data/reference/assumptions.csv``.

- growth: :func:`implied_base`, :func:`derived_ratios`, :func:`pp_changes`
- feasibility: :func:`target_feasibility`, :func:`target_setting_model`,
  :func:`context_comparison`
- composition: :func:`sector_composition`, :func:`composition_sensitivity`,
  :func:`industry_composition`
- checks: :func:`consistency_checks`
"""

from __future__ import annotations

from .checks import consistency_checks
from .composition import composition_sensitivity, sector_composition
from .feasibility import context_comparison, target_feasibility, target_setting_model
from .growth import implied_base, pp_changes
from .lookup import (
    SPECS,
    FigureRow,
    MissingFigureError,
    Spec,
    find,
    load_assumptions,
    load_regional_context,
    require,
    select,
)
from .panel import panel_problems, target_mentions, target_outcomes
from .ratios import derived_ratios, industry_ratios

__all__ = [
    "SPECS",
    "FigureRow",
    "MissingFigureError",
    "Spec",
    "composition_sensitivity",
    "consistency_checks",
    "context_comparison",
    "derived_ratios",
    "find",
    "implied_base",
    "industry_ratios",
    "load_assumptions",
    "load_regional_context",
    "panel_problems",
    "pp_changes",
    "require",
    "sector_composition",
    "select",
    "target_feasibility",
    "target_mentions",
    "target_outcomes",
    "target_setting_model",
]
