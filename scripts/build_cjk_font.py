"""Build the CJK font that ``analysis.plotting`` ships for matplotlib figures.

What it does
    Takes the "Noto Sans CJK SC" Regular face out of Debian's Noto Sans CJK
    collection (picked by its name table, not by a fixed index), subsets it
    with fontTools to the characters Chinese statistical charts need, converts
    its CFF (cubic) outlines to TrueType ``glyf`` (quadratic) outlines so PDF
    back ends can embed it as Type 42, and writes

        src/analysis/fonts/NotoSansCJKsc-Regular-subset.ttf
        src/analysis/fonts/OFL.txt   (SIL OFL 1.1 + copyright, from the inputs)

    The character set is:
      * these Unicode blocks in full (as far as the font covers them): Basic
        Latin, Latin-1 Supplement, General Punctuation, Superscripts and
        Subscripts, Currency Symbols, Letterlike Symbols (℃ №), Number Forms
        (Ⅰ Ⅱ Ⅲ), Arrows (→), Mathematical Operators (− ≤ ≥ ×), Enclosed
        Alphanumerics (① … ⑳), CJK Symbols and Punctuation, Enclosed CJK
        Letters and Months (㉑ … ㊿), Halfwidth and Fullwidth Forms;
      * every BMP character that Python's codecs can encode in GB2312 or in
        Big5: all GB2312 and Big5 ideographs (simplified and traditional),
        plus the symbols, pinyin letters, bopomofo, Greek, etc. those
        standards include. Computed, no hand-written lists.
    Glyph names, hinting, vertical metrics and OpenType layout tables are
    dropped (matplotlib does not use them) to keep the file small.

Why
    Figures must show Chinese labels on a fresh machine with no system fonts.
    Noto Sans CJK is under the SIL Open Font License 1.1, which allows
    redistributing a modified (subset) version under the same licence. Its
    only Reserved Font Name is "Source", which this font does not use, so the
    family name stays "Noto Sans CJK SC".

Inputs
    * Debian package ``fonts-noto-cjk`` (build-time only, never needed by
      users): ``apt-get update && apt-get install -y fonts-noto-cjk``.
      Built with 1:20220127+repack1-1 (font version 2.004).
    * fontTools (installed with matplotlib).

How to run (from the repository root)
    python scripts/build_cjk_font.py
    python scripts/build_cjk_font.py --ttc PATH/NotoSansCJK-Regular.ttc --out-dir DIR

The output is deterministic for a given input file and fontTools version
(timestamps are taken from the input font, not from the clock).
"""

from __future__ import annotations

import argparse
import codecs
import hashlib
import re
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.subset import Options, Subsetter
from fontTools.ttLib import TTCollection, TTFont, newTable

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_TTC = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
DEFAULT_COPYRIGHT = Path("/usr/share/doc/fonts-noto-cjk/copyright")
DEFAULT_OUT_DIR = REPO_ROOT / "src" / "analysis" / "fonts"
FONT_FILENAME = "NotoSansCJKsc-Regular-subset.ttf"
FAMILY = "Noto Sans CJK SC"
SUBFAMILY = "Regular"
MAX_BYTES = 10 * 1024 * 1024

# Unicode blocks kept in full (first, last code point), intersected with the font's cmap.
BLOCKS: dict[str, tuple[int, int]] = {
    "Basic Latin": (0x0020, 0x007E),
    "Latin-1 Supplement": (0x00A0, 0x00FF),
    "General Punctuation": (0x2000, 0x206F),
    "Superscripts and Subscripts": (0x2070, 0x209F),
    "Currency Symbols": (0x20A0, 0x20CF),
    "Letterlike Symbols": (0x2100, 0x214F),
    "Number Forms": (0x2150, 0x218F),
    "Arrows": (0x2190, 0x21FF),
    "Mathematical Operators": (0x2200, 0x22FF),
    "Enclosed Alphanumerics": (0x2460, 0x24FF),
    "CJK Symbols and Punctuation": (0x3000, 0x303F),
    "Enclosed CJK Letters and Months": (0x3200, 0x32FF),
    "Halfwidth and Fullwidth Forms": (0xFF00, 0xFFEF),
}
CJK_UNIFIED = [(0x3400, 0x4DBF), (0x4E00, 0x9FFF)]  # Extension A + URO, for reporting
LEGACY_CODECS = ("gb2312", "big5")

# Cubic-to-quadratic tolerance in font units (1000/em), as in fontTools' otf2ttf snippet.
MAX_ERR = 1.0


def find_face(ttc: Path, family: str = FAMILY, subfamily: str = SUBFAMILY) -> int:
    """Return the index of the face whose name table says *family* / *subfamily*."""
    collection = TTCollection(str(ttc), lazy=True)
    found = []
    for index, face in enumerate(collection.fonts):
        name = face["name"]
        fam = name.getDebugName(16) or name.getDebugName(1)
        sub = name.getDebugName(17) or name.getDebugName(2)
        if fam == family and sub == subfamily:
            found.append(index)
    collection.close()
    if len(found) != 1:
        raise SystemExit(f"expected one {family!r} {subfamily!r} face in {ttc}, found {found}")
    return found[0]


def encodable(codec: str) -> Iterator[int]:
    """Yield every BMP code point (no controls, surrogates or private use) *codec* encodes."""
    encoder = codecs.getencoder(codec)
    for cp in range(0x20, 0x10000):
        if 0x7F <= cp < 0xA0 or 0xD800 <= cp < 0xE000 or 0xE000 <= cp < 0xF900:
            continue
        try:
            encoder(chr(cp))
        except UnicodeEncodeError:
            continue
        yield cp


def wanted_codepoints() -> set[int]:
    """The code points to keep: the listed blocks plus everything in GB2312 or Big5."""
    wanted: set[int] = set()
    for first, last in BLOCKS.values():
        wanted.update(range(first, last + 1))
    for codec in LEGACY_CODECS:
        wanted.update(encodable(codec))
    return wanted


def is_ideograph(cp: int) -> bool:
    """True for CJK Unified Ideographs (URO and Extension A)."""
    return any(first <= cp <= last for first, last in CJK_UNIFIED)


def subset(font: TTFont, unicodes: Iterable[int]) -> None:
    """Subset *font* in place to *unicodes*, dropping what matplotlib does not use."""
    options = Options()
    options.layout_features = []  # no GSUB/GPOS closure: it would pull in vertical/locl forms
    options.drop_tables += ["GSUB", "GPOS", "GDEF", "BASE", "VORG", "vhea", "vmtx"]
    options.hinting = False
    options.desubroutinize = True
    options.name_IDs = ["*"]  # keep copyright, licence, trademark, designer records
    options.name_languages = [0x0409]
    options.notdef_outline = True
    options.glyph_names = False
    options.recalc_timestamp = False
    subsetter = Subsetter(options=options)
    subsetter.populate(unicodes=unicodes)
    subsetter.subset(font)


def cff_to_glyf(font: TTFont, max_err: float = MAX_ERR) -> None:
    """Replace CFF outlines by TrueType quadratic outlines (fontTools' otf2ttf approach)."""
    if font.sfntVersion != "OTTO" or "CFF " not in font:
        raise SystemExit("expected a CFF-flavoured OpenType font")
    glyph_order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()
    quad = {}
    for name in glyph_order:
        pen = TTGlyphPen(glyph_set)
        glyph_set[name].draw(Cu2QuPen(pen, max_err, reverse_direction=True))
        quad[name] = pen.glyph()

    font["loca"] = newTable("loca")
    glyf = font["glyf"] = newTable("glyf")
    glyf.glyphOrder = glyph_order
    glyf.glyphs = quad
    del font["CFF "]
    glyf.compile(font)

    hmtx = font["hmtx"]
    for name, glyph in glyf.glyphs.items():
        if hasattr(glyph, "xMin"):
            hmtx[name] = (hmtx[name][0], glyph.xMin)

    maxp = font["maxp"] = newTable("maxp")
    maxp.tableVersion = 0x00010000
    maxp.maxZones = 1
    for attr in (
        "maxTwilightPoints",
        "maxStorage",
        "maxFunctionDefs",
        "maxInstructionDefs",
        "maxStackElements",
        "maxSizeOfInstructions",
        "maxComponentElements",
    ):
        setattr(maxp, attr, 0)
    maxp.compile(font)

    post = font["post"]
    post.formatType = 3.0  # no glyph names: the CID names carry no information
    post.extraNames = []
    post.mapping = {}
    font.sfntVersion = "\x00\x01\x00\x00"


def mark_version(font: TTFont) -> None:
    """Append a subset note to the version string (name ID 5) so the file is recognisable."""
    name = font["name"]
    for record in name.names:
        if record.nameID == 5 and "subset" not in str(record):
            record.string = f"{record.toUnicode()}; gwr-analysis subset"


def ofl_text(copyright_file: Path, font: TTFont) -> str:
    """Build OFL.txt: the font's copyright notice plus Debian's SIL-1.1 licence text."""
    text = copyright_file.read_text(encoding="utf-8")
    match = re.search(r"^License: SIL-1\.1\n((?: .*\n)+)", text, flags=re.MULTILINE)
    if not match:
        raise SystemExit(f"no 'License: SIL-1.1' stanza in {copyright_file}")
    body = "\n".join(
        "" if line == " ." else line[1:] for line in match.group(1).rstrip("\n").split("\n")
    )
    debian = re.search(r"^Files: \*\nCopyright: (.+)$", text, flags=re.MULTILINE)
    notice = font["name"].getDebugName(0) or ""  # "© 2014-2021 Adobe (http://www.adobe.com/)."
    notice = re.sub(r"^©\s*", "Copyright ", notice).rstrip(".")
    trademark = font["name"].getDebugName(7) or ""  # "Noto is a trademark of Google Inc."
    lines = [
        f"{notice}, with Reserved Font Name 'Source'.",
        "",
        trademark,
        "",
        f"This licence covers {FONT_FILENAME} in this directory: a subset of",
        f"{FAMILY} Regular (Noto Sans CJK, https://github.com/googlefonts/noto-cjk),",
        "converted to TrueType outlines by scripts/build_cjk_font.py. The modified font",
        "does not use the Reserved Font Name.",
    ]
    if debian:
        lines.append(f"Debian's fonts-noto-cjk also records: Copyright {debian.group(1).strip()}.")
    lines += [
        "",
        "This Font Software is licensed under the SIL Open Font License, Version 1.1.",
        "This license is copied below, and is also available with a FAQ at:",
        "https://openfontlicense.org",
        "",
        body,
        "",
    ]
    return "\n".join(lines)


def build(ttc: Path, copyright_file: Path, out_dir: Path) -> Path:
    """Run the whole build and return the path of the written font."""
    index = find_face(ttc)
    print(f"input: {ttc} (sha256 {hashlib.sha256(ttc.read_bytes()).hexdigest()[:16]}…)")
    print(f"face {index}: {FAMILY} {SUBFAMILY}")
    font = TTFont(str(ttc), fontNumber=index, recalcTimestamp=False, lazy=False)
    cmap = font.getBestCmap()
    wanted = wanted_codepoints()
    kept = sorted(cp for cp in wanted if cp in cmap)
    missing = len(wanted) - len(kept)
    ideographs = sum(1 for cp in kept if is_ideograph(cp))
    print(f"code points: {len(kept)} kept ({ideographs} CJK ideographs), {missing} not in font")

    subset(font, kept)
    cff_to_glyf(font)
    mark_version(font)

    out_dir.mkdir(parents=True, exist_ok=True)
    out = out_dir / FONT_FILENAME
    font.save(str(out), reorderTables=True)
    (out_dir / "OFL.txt").write_text(ofl_text(copyright_file, font), encoding="utf-8")

    check = TTFont(str(out))
    size = out.stat().st_size
    print(f"wrote {out}: {size:,} bytes ({size / 2**20:.2f} MiB), {check['maxp'].numGlyphs} glyphs")
    print(f"family: {check['name'].getDebugName(1)!r}, tables: {sorted(check.keys())}")
    if size > MAX_BYTES:
        raise SystemExit(f"{out} is larger than {MAX_BYTES:,} bytes")
    return out


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--ttc", type=Path, default=DEFAULT_TTC, help="NotoSansCJK-Regular.ttc")
    parser.add_argument(
        "--copyright", type=Path, default=DEFAULT_COPYRIGHT, help="Debian copyright file"
    )
    parser.add_argument("--out-dir", type=Path, default=DEFAULT_OUT_DIR)
    args = parser.parse_args(argv)
    for path in (args.ttc, args.copyright):
        if not path.exists():
            parser.error(f"{path} not found: apt-get install -y fonts-noto-cjk")
    build(args.ttc, args.copyright, args.out_dir)
    return 0


if __name__ == "__main__":
    sys.exit(main())
