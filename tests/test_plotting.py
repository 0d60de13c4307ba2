"""Tests for analysis.plotting: the bundled CJK font and the matplotlib helpers."""

from __future__ import annotations

import io
import subprocess
import sys
import warnings
from collections.abc import Iterator

import pytest

from analysis import plotting

SIMPLIFIED = "地区生产总值规模以上工业增加值同比增长亿元万吨财政收入个百分点"
TRADITIONAL = "億元增長經濟發展區域產業結構與會議報告實現穩"
SYMBOLS = "①⑳㉑㊿ⅠⅡⅢ％‰℃→（），、。：；“”《》·—…×≤≥−"
LATIN = "GDP CPI R&D 2024 ÷ ± ° é ü"


@pytest.fixture
def mpl() -> Iterator[object]:
    """matplotlib on the Agg backend, with rcParams restored after the test."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    with matplotlib.rc_context():
        yield matplotlib
    plt.close("all")


def _draw(title: str, labels: list[str], fmt: str = "png") -> bytes:
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(6, 3))
    ax.bar(range(len(labels)), [3.2, -1.5, 2.0][: len(labels)])
    ax.set_xticks(range(len(labels)), labels)
    ax.set_title(title)
    ax.set_ylabel("增速 （％）")
    buf = io.BytesIO()
    fig.savefig(buf, format=fmt)
    plt.close(fig)
    return buf.getvalue()


def test_import_does_not_import_matplotlib() -> None:
    code = (
        "import sys, analysis.plotting\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] == 'matplotlib')\n"
        "assert not bad, bad\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_cjk_font_path_exists() -> None:
    path = plotting.cjk_font_path()
    assert path.name == plotting.CJK_FONT_FILE
    assert path.is_file()
    assert path.stat().st_size < 10 * 1024 * 1024


def test_chinese_figure_renders_without_missing_glyphs(mpl: object) -> None:
    from matplotlib import font_manager

    with plotting.glyph_warnings_as_errors():
        family = plotting.use_cjk_font()
        assert family == "Noto Sans CJK SC"
        # The family resolves to the bundled file, not to a system font.
        found = font_manager.findfont(font_manager.FontProperties(family=family))
        assert found == str(plotting.cjk_font_path())
        labels = ["地区生产总值 GDP", "规模以上工业增加值", "億元 增長 ①"]
        png = _draw(f"2024年主要指标 {SYMBOLS} {LATIN}", labels)
        pdf = _draw(f"{SIMPLIFIED} {TRADITIONAL}", labels[:2], fmt="pdf")
    assert png.startswith(b"\x89PNG")
    assert pdf.startswith(b"%PDF")
    assert b"FontFile2" in pdf  # TrueType font embedded (Type 42)


def test_use_cjk_font_is_idempotent(mpl: object) -> None:
    from matplotlib import font_manager

    first = plotting.use_cjk_font()
    count = len(font_manager.fontManager.ttflist)
    assert plotting.use_cjk_font() == first
    assert len(font_manager.fontManager.ttflist) == count
    sans = mpl.rcParams["font.sans-serif"]  # type: ignore[attr-defined]
    assert sans[0] == first
    assert sans.count(first) == 1
    assert "DejaVu Sans" in sans  # Latin fallback kept


def test_missing_glyph_raises_with_plain_dejavu(mpl: object) -> None:
    mpl.rcParams["font.family"] = ["DejaVu Sans"]  # type: ignore[attr-defined]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # override pytest's filterwarnings=error ...
        _draw("地区生产总值", ["GDP"])  # ... so this passes without the context manager
        with (
            pytest.raises(UserWarning, match="missing from font"),
            plotting.glyph_warnings_as_errors(),
        ):
            _draw("地区生产总值", ["GDP"])


def test_font_file_is_truetype_sc_with_coverage() -> None:
    from fontTools.ttLib import TTFont

    with TTFont(str(plotting.cjk_font_path()), lazy=True) as font:
        assert "glyf" in font
        assert "CFF " not in font
        assert font.sfntVersion == "\x00\x01\x00\x00"
        family = font["name"].getDebugName(1)
        assert family == "Noto Sans CJK SC"
        assert font["name"].getDebugName(2) == "Regular"
        assert "Source" not in family  # the OFL Reserved Font Name is not used
        cmap = font.getBestCmap()
    missing = [ch for ch in SIMPLIFIED + TRADITIONAL + SYMBOLS + LATIN if ord(ch) not in cmap]
    assert not missing
    # Every GB2312 ideograph (the simplified set) is covered.
    gb2312 = [cp for cp in range(0x4E00, 0xA000) if _encodes(chr(cp), "gb2312")]
    assert len(gb2312) == 6763
    assert all(cp in cmap for cp in gb2312)


def _encodes(ch: str, codec: str) -> bool:
    try:
        ch.encode(codec)
    except UnicodeEncodeError:
        return False
    return True


def test_licence_ships_beside_font() -> None:
    fonts = plotting.cjk_font_path().parent
    ofl = (fonts / "OFL.txt").read_text(encoding="utf-8")
    assert "SIL OPEN FONT LICENSE Version 1.1" in ofl
    assert "Copyright 2014-2021 Adobe" in ofl
    assert "Reserved Font Name 'Source'" in ofl
    assert "DISCLAIMER" in ofl
    assert (fonts / "README.md").is_file()
