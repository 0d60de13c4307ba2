"""One report in, a text model out: :class:`Report` and :func:`load_report`.

A :class:`Report` holds the raw text exactly as decoded (every offset in the project counts
characters of it), the normalized view, and the structure as tidy DataFrames. Each row of
each frame has ``start``/``end`` raw offsets and ``quote == raw[start:end]``.
"""

from __future__ import annotations

import re
import stat
from bisect import bisect_right
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING

from .. import paths
from .formats import read_any
from .sources import ChecksumError, ReportFormatError, verify_checksum
from .structure import (
    GlossaryItem,
    Outline,
    Paragraph,
    Project,
    Section,
    Sentences,
    long_sentences,
    parse_glossary,
    parse_outline,
    parse_projects,
    split_paragraphs,
    split_sentences,
)
from .text import NormalizedText, normalize

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["ReadingNote", "Report", "SentenceView", "load_report", "recorded_checksums"]


def recorded_checksums(directory: Path) -> Mapping[str, str]:
    """``{file name: sha256}`` from ``SHA256SUMS`` in a directory (empty if absent).

    The file is ``sha256sum``'s output (``<64 hex digits>  [*]<name>``, ``#`` comments);
    a line in any other shape is a :class:`ChecksumError` naming the file and line. It is
    read once while it is unchanged (same size and modification time), not once for each
    document of its directory: a corpus of n files listed there would cost n² otherwise.
    """
    sums = directory / "SHA256SUMS"
    try:
        st = sums.stat()
    except OSError:  # absent or out of reach: nothing recorded (as Path.is_file says)
        return _NO_SUMS
    if not stat.S_ISREG(st.st_mode):
        return _NO_SUMS
    return _parsed_checksums(str(sums), st.st_size, st.st_mtime_ns, st.st_ino)


_NO_SUMS: Mapping[str, str] = MappingProxyType({})


@lru_cache(maxsize=32)
def _parsed_checksums(sums: str, size: int, mtime_ns: int, inode: int) -> Mapping[str, str]:
    """The parsed ``SHA256SUMS`` at path ``sums``, for one version of it (size, time and
    inode are the cache key: a rewritten file is read again)."""
    out = {}
    text = Path(sums).read_text(encoding="utf-8", errors="replace")
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        parts = line.split(maxsplit=1)
        name = parts[1].strip().lstrip("*") if len(parts) == 2 else ""
        if not name or not _SHA256.fullmatch(parts[0]):
            raise ChecksumError(
                f"{sums}:{number}: expected '<64 hex digits>  <file name>' (sha256sum "
                f"output), got {line.strip()[:80]!r}")
        out[name] = parts[0].lower()
    return MappingProxyType(out)


_SHA256 = re.compile(r"[0-9a-fA-F]{64}")


@dataclass(frozen=True)
class ReadingNote:
    """Something the reader did not read as usual (raw offsets), reported rather than hidden.

    ``kind`` is ``long_sentence``: a run without a full stop longer than
    :data:`~analysis.reading.structure.MAX_SENTENCE`, read as several pieces.
    """

    doc: str
    kind: str
    start: int
    end: int
    message: str


@dataclass(frozen=True)
class SentenceView:
    """One sentence as the extraction rules read it: clean text, raw offsets, section."""

    index: int  # row of Report.sentences()
    text: str  # clean text
    offsets: Sequence[int]  # raw index of each character of ``text``
    section: Section | None  # innermost section (None before the first heading)
    cut: str = ""  # see Sentence.cut


@dataclass(frozen=True, eq=False)
class Report:
    """A government work report: raw text, normalized view and structure.

    Build one with :meth:`fromstring` (text in memory) or :func:`load_report` (a file).
    """

    doc: str
    raw: str
    encoding: str = "str"
    path: Path | None = None
    #: ``(page number from 1, start, end)`` raw offsets of each page (PDF reports only).
    pages: tuple[tuple[int, int, int], ...] = ()

    @classmethod
    def fromstring(cls, text: str, doc: str = "text") -> Report:
        """A report from text already in memory (``doc`` names it in every frame)."""
        if not isinstance(text, str):
            raise TypeError(f"expected the report's text as str, got {type(text).__name__}")
        if not text.strip():
            raise ReportFormatError(f"{doc}: the text is empty")
        return cls(doc=doc, raw=text)

    # --- the text model ---------------------------------------------------------------------
    @cached_property
    def normalized(self) -> NormalizedText:
        """The clean view with its map to raw offsets."""
        return normalize(self.raw)

    @property
    def text(self) -> str:
        """The clean text, one paragraph per line."""
        return self.normalized.text

    @cached_property
    def _paragraphs(self) -> list[Paragraph]:
        return split_paragraphs(self.text)

    @cached_property
    def _sentences(self) -> Sentences:
        return split_sentences(self.text, self._paragraphs)

    @cached_property
    def outline(self) -> Outline:
        """Sections and the resolved report year (records with clean offsets)."""
        return parse_outline(self.normalized, self._paragraphs)

    @cached_property
    def _glossary(self) -> list[GlossaryItem]:
        return parse_glossary(self.normalized, self._paragraphs, self.outline)

    @cached_property
    def _projects(self) -> list[Project]:
        return parse_projects(self.normalized, self.outline)

    @cached_property
    def notes(self) -> tuple[ReadingNote, ...]:
        """What was not read as usual: over-long sentences cut into pieces (raw offsets)."""
        out = []
        for ls in long_sentences(self._sentences):
            a, b = self.normalized.raw_span(ls.start, ls.end)
            out.append(ReadingNote(self.doc, "long_sentence", a, b,
                                   f"{self.doc}: raw [{a}, {b}): {ls.message}"))
        return tuple(out)

    def sentence_views(self) -> Iterator[SentenceView]:
        """Each sentence's clean text, raw offsets and section, in order (not cached).

        The one pass the extraction rules need: each section by bisection
        (:meth:`Outline.section_at`), offsets as slices of the compact offset array.
        """
        nt = self.normalized
        text, offsets, section_at = nt.text, nt.offsets, self.outline.section_at
        for s in self._sentences:
            yield SentenceView(s.index, text[s.start : s.end], offsets[s.start : s.end],
                               section_at(s.start), s.cut)

    @property
    def year(self) -> int | None:
        """The year the report is delivered in and plans for (None if it cannot be told)."""
        return self.outline.year

    def page_of(self, offset: int) -> int | None:
        """The PDF page (from 1) of a raw offset; None without page info or outside the text.

        >>> Report("r", "ab\\ncd", pages=((1, 0, 2), (2, 3, 5))).page_of(4)
        2
        """
        if not self.pages or not 0 <= offset <= len(self.raw):
            return None
        i = bisect_right([start for _, start, _ in self.pages], offset) - 1
        return self.pages[max(i, 0)][0]

    def quote(self, start: int, end: int) -> str:
        """``raw[start:end]``: the exact source of a row."""
        return self.raw[start:end]

    # --- frames -----------------------------------------------------------------------------
    def _span(self, start: int, end: int) -> tuple[int, int, str]:
        a, b = self.normalized.raw_span(start, end)
        return a, b, self.raw[a:b]

    def _section_ids(self, positions: list[int]) -> list[str | None]:
        out = []
        for pos in positions:
            s = self.outline.section_at(pos)
            out.append(s.id if s else None)
        return out

    def sections(self) -> pd.DataFrame:
        """The outline: one row per heading, with level, kind, title, year and part.

        Columns: doc, section_id, parent, level, kind, number, title, year, part,
        start, end, quote (the heading), body_start, body_end (raw span of its content).
        """
        import pandas as pd

        rows = []
        for s in self.outline.sections:
            a, b, q = self._span(s.start, s.end)
            body_a, body_b = self.normalized.raw_span(min(s.end, s.body_end), s.body_end)
            rows.append(
                {"doc": self.doc, "section_id": s.id, "parent": s.parent, "level": s.level,
                 "kind": s.kind, "number": s.number, "title": s.title, "year": s.year,
                 "part": s.part, "start": a, "end": b, "quote": q,
                 "body_start": body_a, "body_end": body_b}
            )
        df = pd.DataFrame(rows, columns=list(_SECTION_COLUMNS))
        return df.astype({"number": "Int64", "year": "Int64"})

    def paragraphs(self) -> pd.DataFrame:
        """One row per paragraph: doc, paragraph, section_id, start, end, quote, text."""
        import pandas as pd

        ps = self._paragraphs
        sids = self._section_ids([p.start for p in ps])
        rows = []
        for p, sid in zip(ps, sids, strict=True):
            a, b, q = self._span(p.start, p.end)
            rows.append((self.doc, p.index, sid, a, b, q, self.text[p.start : p.end]))
        return pd.DataFrame(
            rows, columns=["doc", "paragraph", "section_id", "start", "end", "quote", "text"]
        )

    def sentences(self) -> pd.DataFrame:
        """One row per sentence: doc, sentence, paragraph, section_id, start, end, quote, text."""
        import pandas as pd

        ss = self._sentences
        sids = self._section_ids([s.start for s in ss])
        rows = []
        for s, sid in zip(ss, sids, strict=True):
            a, b, q = self._span(s.start, s.end)
            rows.append((self.doc, s.index, s.paragraph, sid, a, b, q,
                         self.text[s.start : s.end]))
        return pd.DataFrame(
            rows,
            columns=["doc", "sentence", "paragraph", "section_id", "start", "end", "quote",
                     "text"],
        )

    def glossary(self) -> pd.DataFrame:
        """The 名词解释 terms and the body markers (①…) that point to them.

        Columns: doc, number, term, definition, marker, marker_start, marker_end (raw offsets
        of the marker in the body; empty if the body has none), start, end, quote (the item).
        """
        import pandas as pd

        rows = []
        for g in self._glossary:
            a, b, q = self._span(g.start, g.end)
            ma = mb = None
            if g.marker_pos is not None:
                ma, mb = self.normalized.raw_span(g.marker_pos, g.marker_pos + 1)
            rows.append({"doc": self.doc, "number": g.number, "term": g.term,
                         "definition": g.definition, "marker": g.marker, "marker_start": ma,
                         "marker_end": mb, "start": a, "end": b, "quote": q})
        df = pd.DataFrame(rows, columns=list(_GLOSSARY_COLUMNS))
        return df.astype({"marker_start": "Int64", "marker_end": "Int64"})

    def projects(self) -> pd.DataFrame:
        """The appendix table of projects (为民办实事项目), one row per project.

        Columns: doc, number, content, lead_unit, partner_units (list of str), deadline
        (date), deadline_text, start, end, quote (the row's raw span, all its cells).
        """
        import pandas as pd

        rows = [
            {"doc": self.doc, "number": p.number, "content": p.content,
             "lead_unit": p.lead_unit, "partner_units": list(p.partner_units),
             "deadline": pd.Timestamp(p.deadline) if p.deadline else pd.NaT,
             "deadline_text": p.deadline_text, "start": p.start, "end": p.end,
             "quote": self.raw[p.start : p.end]}
            for p in self._projects
        ]
        return pd.DataFrame(rows, columns=list(_PROJECT_COLUMNS))

    def metadata(self) -> pd.DataFrame:
        """One row: doc, jurisdiction, level, year, session_date, body, speaker, title."""
        import pandas as pd

        from .metadata import METADATA_COLUMNS, metadata_row

        df = pd.DataFrame([metadata_row(self)], columns=list(METADATA_COLUMNS))
        df["session_date"] = pd.to_datetime(df["session_date"])
        return df.astype({"year": "Int64"})

    def __repr__(self) -> str:
        return f"Report(doc={self.doc!r}, year={self.year}, chars={len(self.raw)})"


_SECTION_COLUMNS = ("doc", "section_id", "parent", "level", "kind", "number", "title", "year",
                    "part", "start", "end", "quote", "body_start", "body_end")
_GLOSSARY_COLUMNS = ("doc", "number", "term", "definition", "marker", "marker_start",
                     "marker_end", "start", "end", "quote")
_PROJECT_COLUMNS = ("doc", "number", "content", "lead_unit", "partner_units", "deadline",
                    "deadline_text", "start", "end", "quote")


def load_report(path: str | Path | None = None) -> Report:
    """Read a report file (the Liujiang 2020 report by default).

    A file whose directory has a ``SHA256SUMS`` listing it (as ``data/raw/`` does) is
    verified first: a changed raw file is an error naming the file, never silently used.
    """
    p = Path(path) if path is not None else paths.raw_dir() / paths.DEFAULT_REPORT
    decoded = read_any(p)
    expected = recorded_checksums(p.parent).get(p.name)
    if expected:
        verify_checksum(p, expected)
    return Report(doc=p.stem, raw=decoded.text, encoding=decoded.encoding, path=p,
                  pages=decoded.pages)
