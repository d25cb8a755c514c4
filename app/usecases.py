"""Use cases on documents and the library as a whole.

Each user action is one transaction and returns what it changed.
"""
from __future__ import annotations

from typing import Any, Callable

from app.changes import Changes
from app.backups import fingerprints_in_backups
from app.domain import KINDS, LANGUAGES, UserError, now_iso
from app.library import Library
from storage import records, schema_version
from storage.migrations import LATEST
from storage.types import Document, Page


def list_documents(lib: Library) -> list[Document]:
    return records.list_documents(lib.db)


def document_pages(lib: Library, doc_id: str) -> list[Page]:
    return records.get_pages(lib.db, doc_id)


def edit_document(lib: Library, doc_id: str, **fields: Any) -> Changes:
    if "kind" in fields and fields["kind"] not in KINDS:
        raise UserError(f"unknown kind '{fields['kind']}'; choose one of {', '.join(KINDS)}")
    if "language" in fields and fields["language"] not in LANGUAGES:
        raise UserError("language must be " + " or ".join(f"'{code}'" for code in LANGUAGES))
    if "title" in fields:
        fields["title"] = str(fields["title"]).strip()
        if not fields["title"]:
            raise UserError("a title cannot be empty")
    with lib.write():
        if records.get_document(lib.db, doc_id) is None:
            raise UserError("that document is no longer in the library")
        records.update_document(lib.db, doc_id, {**fields, "modified": now_iso()})
    return lib.changed(Changes.of(documents=[doc_id]))


def remove_document(lib: Library, doc_id: str) -> Changes:
    """Remove a document, its pages, annotations and their links; then its
    file, unless a backup still holds the document (bringing that backup back
    must give a whole library): then the file goes when the last such backup
    is rotated out."""
    from app.importer import REMOVED  # not needed to show the window

    doc = records.get_document(lib.db, doc_id)
    if doc is None:
        raise UserError("that document is no longer in the library")
    anns = [a.id for a in records.list_annotations(lib.db, document_id=doc_id)]
    with lib.write():
        records.delete_document(lib.db, doc_id)
        records.set_meta(lib.db, REMOVED + doc.sha256, now_iso())
    if doc.sha256 not in fingerprints_in_backups(lib.root):
        lib.ocr_file_path(doc.sha256).unlink(missing_ok=True)
        lib.file_path(doc.sha256).unlink(missing_ok=True)
        with lib.write():
            records.delete_meta(lib.db, REMOVED + doc.sha256)
    return lib.changed(Changes.of(documents=[doc_id], annotations=anns))


# Extra checks registered by other parts of the core (the search index adds
# one). Each returns a list of check items as built by ``_item``.
EXTRA_CHECKS: list[Callable[[Library], list[dict]]] = []


def _item(what: str, status: str, detail: str) -> dict:
    return {"what": what, "status": status, "detail": detail}


def check_library(lib: Library) -> dict:
    """Integrity, schema version, files and index; ``ok`` is False on a problem."""
    from app.importer import sha256_of, stray_files  # not needed to show the window

    items = []
    problems = records.integrity_problems(lib.db)
    detail = "; ".join(problems[:5]) or "integrity check passed"
    if problems and "restore" not in detail:
        detail += "; bring back the newest backup with 'kanttekening restore'"
    items.append(_item("database", "problem" if problems else "ok", detail))
    if problems:
        return {"ok": False, "items": items}  # nothing else can be read reliably
    version = schema_version(lib.db)
    items.append(
        _item(
            "schema",
            "ok" if version == LATEST else "problem",
            f"version {version}" + ("" if version == LATEST else f" (expected {LATEST})"),
        )
    )
    missing, altered = [], []
    docs = records.list_documents(lib.db)
    for d in docs:
        path = lib.file_path(d.sha256)  # the imported file, not the OCR copy
        if not path.is_file():
            missing.append(d.file_name)
        elif sha256_of(path) != d.file_sha256:
            altered.append(d.file_name)
    if missing or altered:
        detail = "; ".join(
            part
            for part in (
                f"missing: {', '.join(missing)} (import the same PDF again to put it back)"
                if missing else "",
                f"changed on disk: {', '.join(altered)}" if altered else "",
            )
            if part
        )
        items.append(_item("files", "problem", detail))
    else:
        items.append(_item("files", "ok", f"{len(docs)} document file(s) present and unchanged"))
    stray = stray_files(lib)
    if stray:
        items.append(
            _item(
                "stray files",
                "note",
                f"{len(stray)} file(s) in files/ belong to no document (left by an interrupted "
                "import, or by a database that was restored; harmless, and kept)",
            )
        )
    from app.search_service import check_index  # late: keeps the CLI start-up light

    items.extend(check_index(lib))
    for extra in EXTRA_CHECKS:
        items.extend(extra(lib))
    return {"ok": all(i["status"] != "problem" for i in items), "items": items}
