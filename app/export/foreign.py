"""What importing annotations from other programs shares: finding the library
document they belong to, stable ids, dates, roles, and placing quotes on the
words of the page (PyMuPDF in a child process).

Annotations from elsewhere become ``AnnotationIn`` records and are merged
exactly like a bundle (``app.export.bundle_merge.merge_parsed``): ids are
derived from the source's own ids, so importing the same file twice changes
nothing.
"""
from __future__ import annotations

import re
import uuid
from datetime import datetime, timedelta, timezone
from pathlib import Path

from app.anchoring import Anchor, norm_text
from app.domain import ROLES, UserError, now_iso
from app.export.i18n import DUTCH, ENGLISH
from app.library import Library
from storage import records
from storage.types import Document

_NAMESPACE = uuid.UUID("9d1c54c2-6f0e-4e43-a1f6-6b616e74746b")
_PDF_DATE = re.compile(r"^D?:?(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?([Zz+\-])?(\d{2})?'?(\d{2})?'?")


def stable_id(*parts: str) -> str:
    return uuid.uuid5(_NAMESPACE, "\x1f".join(parts)).hex


def pdf_date(value: str) -> str | None:
    """A PDF date (``D:20261120100000+01'00'``) as UTC ISO with a Z; None if it is not one."""
    m = _PDF_DATE.match((value or "").strip())
    if not m:
        return None
    year, month, day, hour, minute, second = (int(g) if g else d for g, d in zip(m.groups()[:6], (0, 1, 1, 0, 0, 0)))
    try:
        dt = datetime(year, month, day, hour, minute, second, tzinfo=timezone.utc)
    except ValueError:
        return None
    sign, oh, om = m.group(7), m.group(8), m.group(9)
    if sign in ("+", "-") and oh:
        offset = timedelta(hours=int(oh), minutes=int(om or 0))
        dt = dt - offset if sign == "+" else dt + offset
    if not 1990 <= dt.year <= 2200:
        return None
    return dt.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def iso_date(value: object) -> str | None:
    """An ISO 8601 date from JSON, normalised to UTC with a Z; None if it is not one."""
    if not isinstance(value, str):
        return None
    try:
        dt = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=timezone.utc)
    dt = dt.astimezone(timezone.utc)
    if not 1990 <= dt.year <= 2200:
        return None
    return dt.isoformat(timespec="milliseconds").replace("+00:00", "Z")


_ROLE_WORDS = {**{r: r for r in ROLES}, **{v: k for k, v in DUTCH.roles.items()},
               **{v: k for k, v in ENGLISH.roles.items()}}


def role_from(*texts: str) -> str | None:
    """A role named by a subject, a tag or the first word of a comment."""
    for text in texts:
        word = (text or "").strip().split(maxsplit=1)
        if word and word[0].lower().strip(".,:;") in _ROLE_WORDS:
            return _ROLE_WORDS[word[0].lower().strip(".,:;")]
    return None


def stamp_or_now(*values: str | None) -> str:
    return next((v for v in values if v), None) or now_iso()


# --- the document -------------------------------------------------------------

def match_document(lib: Library, *, doc_ref: str | None, fingerprint: str | None,
                   page_norms: list[str] | None = None, page_count: int | None = None) -> Document:
    """The library document an imported file's annotations belong to: the one
    named, else the one with the same pdf.js fingerprint, else the one with the
    same page count and the same text on its first pages."""
    if doc_ref:
        return lib.resolve_document(doc_ref)
    docs = records.list_documents(lib.db)
    if fingerprint:
        from app.export.bundle import pdf_fingerprints

        prints = pdf_fingerprints(lib, docs)
        same = [d for d in docs if prints.get(d.id) == fingerprint]
        if len(same) == 1:
            return same[0]
    if page_norms and any(page_norms):
        for d in docs:
            if page_count is not None and d.page_count != page_count:
                continue
            pages = records.get_pages(lib.db, d.id)[: len(page_norms)]
            if [norm_text(p.text).lower() for p in pages] == page_norms:
                return d
    raise UserError("no document in this library matches; import its PDF first "
                    "(on the command line you can also name it with --doc)")


# --- placing quotes (child process) ----------------------------------------------

def anchor_quotes(pdf_path: str, wanted: list[tuple[list[int], str, str]]) -> list[Anchor | None]:
    """For each (candidate pages, quote, prefix): where the quote stands on the
    first candidate page that has it; among several places the one whose
    preceding text best matches the prefix. Runs PyMuPDF: call it in a child."""
    from app.anchoring import _locate, anchor_on_words, find_quote_in_words, load_words

    pages_needed = sorted({p for pages, _, _ in wanted for p in pages} | {p + 1 for pages, _, _ in wanted for p in pages})
    _, words = load_words(Path(pdf_path), pages_needed)
    out: list[Anchor | None] = []
    for pages, quote, prefix in wanted:
        found = None
        for page in pages:
            if page not in words:
                continue
            try:
                found = find_quote_in_words(words, page, quote)
            except UserError:
                hits = _locate(words[page], quote)
                if len(hits) > 1:
                    want = norm_text(prefix)[-24:]

                    def before(hit) -> int:  # noqa: ANN001
                        start = hit[0][0]
                        text = norm_text(" ".join(w[4] for w in words[page][max(0, start - 8):start]))
                        return sum(1 for a, b in zip(reversed(text), reversed(want)) if a == b)

                    found = anchor_on_words(words[page], page, *max(hits, key=before))
            if found is not None:
                break
        out.append(found)
    return out


def candidate_pages(lib: Library, doc: Document, quote: str, hint: int | None) -> list[int]:
    """The page named first, then every page whose stored text holds the quote."""
    needle = norm_text(quote).lower()
    pages = [hint] if hint else []
    if needle:
        for p in records.get_pages(lib.db, doc.id):
            if p.page_no not in pages and needle[:60] in norm_text(p.text).lower():
                pages.append(p.page_no)
    return [p for p in pages if 1 <= p <= doc.page_count]


def import_annotations(lib: Library, path: Path | str, *, doc_ref: str | None = None):  # noqa: ANN201
    """Merge annotations made elsewhere: a PDF's own (``app.export.pdf_annotations``)
    or a Hypothesis export (``app.export.hypothesis``), told apart by the file's start."""
    path = Path(path).expanduser()
    try:
        with path.open("rb") as fh:
            head = fh.read(1024)
    except OSError as exc:
        raise UserError(f"{path} cannot be read ({exc.strerror or exc})") from exc
    if b"%PDF-" in head:
        from app.export.pdf_annotations import import_pdf_annotations

        return import_pdf_annotations(lib, path, doc_ref=doc_ref)
    from app.export.hypothesis import import_hypothesis

    return import_hypothesis(lib, path, doc_ref=doc_ref)
