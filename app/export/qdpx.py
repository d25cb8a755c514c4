"""A REFI-QDA project (``.qdpx``) for QualCoder, ATLAS.ti, NVivo and MAXQDA.

The archive holds ``project.qde`` (QDA-XML 1.0) and ``Sources/`` with each
annotated PDF, named by its SHA-256. Mapping:

- reviewers (annotation and link authors) -> ``Users``;
- tags (as a tree), roles and stances -> codes under three parent codes;
- annotations -> ``PDFSelection`` elements of their ``PDFSource``, coded with
  their role and tags (and a response with its link's stance; a
  recommendation without a response with "none"), the quote as the
  selection's ``Description`` and the note as a ``Note``;
- recommendation-response links -> ``Link`` elements from the recommendation
  to the response, named by the stance, with the assessment as a note.

Selections use QualCoder's convention: 0-based page, PDF points with the
origin at the top left, the bounding box of the annotation's rectangles on
its first page. GUIDs are stable: library ids where they exist, otherwise
UUID5 of a name, so exporting twice gives the same project.
"""
from __future__ import annotations

import time
import uuid
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

from app import __version__
from app.domain import ROLE_COLORS, ROLES, STANCE_COLORS, STANCE_LABELS, STANCES, UserError
from app.export import ExportResult, ProgressFn, no_progress
from app.export.atomic import atomic_path
from app.export.text import xml_safe
from app.library import Library
from storage import records
from storage.types import Annotation, Document, Link, Tag

NS = "urn:QDA-XML:project:1.0"
_NAMESPACE = uuid.UUID("5a0c7e1e-3d43-4b5e-9d0b-6b616e74746b")


def guid(hex_id: str) -> str:
    return str(uuid.UUID(hex=hex_id))


def named_guid(kind: str, name: str) -> str:
    return str(uuid.uuid5(_NAMESPACE, f"{kind}:{name}"))


def _el(parent: ET.Element, tag: str, **attrs: str | None) -> ET.Element:
    return ET.SubElement(parent, f"{{{NS}}}{tag}", {k: xml_safe(v) for k, v in attrs.items() if v is not None})


def _text(parent: ET.Element, tag: str, text: str) -> ET.Element:
    el = _el(parent, tag)
    el.text = xml_safe(text)
    return el


def build_project(lib: Library) -> tuple[bytes, list[Document]]:
    """project.qde's bytes and the documents whose PDFs go in Sources/."""
    db = lib.db
    docs = {d.id: d for d in records.list_documents(db)}
    anns = records.list_annotations(db)
    tags = records.list_tags(db)
    links = records.list_links(db)
    stamp = records.get_meta(db, "created") or "2000-01-01T00:00:00.000Z"

    authors = sorted({a.author for a in anns if a.author} | {l.author for l in links if l.author}
                     | {lib.reviewer})
    user_guid = {name: named_guid("user", name) for name in authors}

    root = ET.Element(f"{{{NS}}}Project", {
        "name": xml_safe(records.get_meta(db, "name") or lib.root.name),
        "origin": f"Kanttekening {__version__}",
        "creatingUserGUID": user_guid[lib.reviewer],
        "creationDateTime": stamp,
    })
    users = _el(root, "Users")
    for name in authors:
        _el(users, "User", guid=user_guid[name], name=name)

    codebook = _el(root, "CodeBook")
    codes = _el(codebook, "Codes")
    tag_parent = _el(codes, "Code", guid=named_guid("codes", "tags"), name="Tags", isCodable="false")
    children: dict[str | None, list[Tag]] = {}
    for t in tags:
        children.setdefault(t.parent_id, []).append(t)

    def add_tags(parent_el: ET.Element, parent_id: str | None, depth: int = 0) -> None:
        for t in sorted(children.get(parent_id, []), key=lambda t: t.name.lower()):
            el = _el(parent_el, "Code", guid=guid(t.id), name=t.name, isCodable="true", color=t.color)
            if t.description:
                _text(el, "Description", t.description)
            if depth < 50:
                add_tags(el, t.id, depth + 1)

    add_tags(tag_parent, None)
    role_parent = _el(codes, "Code", guid=named_guid("codes", "roles"), name="Roles", isCodable="false")
    role_code = {}
    for role in ROLES:
        role_code[role] = named_guid("role", role)
        _el(role_parent, "Code", guid=role_code[role], name=role, isCodable="true", color=ROLE_COLORS[role])
    stance_parent = _el(codes, "Code", guid=named_guid("codes", "stances"), name="Stances", isCodable="false")
    stance_code = {}
    for stance in STANCES:
        stance_code[stance] = named_guid("stance", stance)
        el = _el(stance_parent, "Code", guid=stance_code[stance], name=stance, isCodable="true",
                 color=STANCE_COLORS[stance])
        _text(el, "Description", STANCE_LABELS[stance])

    stances_of: dict[str, list[str]] = {}
    linked_recs: set[str] = set()
    for link in links:
        if link.response_id:
            stances_of.setdefault(link.response_id, []).append(link.stance)
            linked_recs.add(link.recommendation_id)
    notes: list[tuple[str, str, str, str]] = []  # guid, name, text, author

    sources = _el(root, "Sources")
    used: list[Document] = []
    by_doc: dict[str, list[Annotation]] = {}
    for a in anns:
        by_doc.setdefault(a.document_id, []).append(a)
    for doc_id in sorted(by_doc, key=lambda i: docs[i].file_name):
        d = docs[doc_id]
        used.append(d)
        src = _el(sources, "PDFSource", guid=guid(d.id), name=d.file_name,
                  path=f"internal://{d.sha256}.pdf", creationDateTime=d.imported_at)
        for a in by_doc[doc_id]:
            first_page = int(a.rects[0][0]) if a.rects else a.page_no
            on_page = [r for r in a.rects if int(r[0]) == first_page] or [(first_page, 0, 0, 0, 0)]
            author = user_guid.get(a.author) if a.author else None
            sel = _el(
                src, "PDFSelection", guid=guid(a.id),
                name=a.label or " ".join(a.quote.split())[:60] or a.role,
                page=str(first_page - 1),
                firstX=str(int(min(r[1] for r in on_page))), firstY=str(int(min(r[2] for r in on_page))),
                secondX=str(int(round(max(r[3] for r in on_page)))),
                secondY=str(int(round(max(r[4] for r in on_page)))),
                creatingUser=author, creationDateTime=a.created,
                modifyingUser=author, modifiedDateTime=a.modified,
            )
            if a.quote:
                _text(sel, "Description", a.quote)
            code_ids = [role_code[a.role]] + [guid(t) for t in sorted(a.tag_ids)]
            code_ids += [stance_code[s] for s in sorted(set(stances_of.get(a.id, [])))]
            if a.role == "recommendation" and a.id not in linked_recs:
                code_ids.append(stance_code["none"])
            for code in code_ids:
                coding = _el(sel, "Coding", guid=named_guid("coding", f"{a.id}:{code}"),
                             creatingUser=author, creationDateTime=a.created)
                _el(coding, "CodeRef", targetGUID=code)
            if a.note:
                note_guid = named_guid("note", a.id)
                notes.append((note_guid, f"Note on {a.label or a.role}", a.note, a.author))
                _el(sel, "NoteRef", targetGUID=note_guid)
    if not used:
        root.remove(sources)

    link_notes: list[tuple[str, Link]] = []
    for link in links:
        if link.assessment:
            link_notes.append((named_guid("assessment", link.id), link))
    for note_guid, link in link_notes:
        notes.append((note_guid, f"Assessment ({link.stance})", link.assessment, link.author))
    if notes:
        notes_el = _el(root, "Notes")
        for note_guid, name, text, author in notes:
            note = _el(notes_el, "Note", guid=note_guid, name=name,
                       creatingUser=user_guid.get(author) if author else None)
            _text(note, "PlainTextContent", text)
    pairs = [l for l in links if l.response_id]
    if pairs:
        links_el = _el(root, "Links")
        assessed = {link.id: g for g, link in link_notes}
        for link in pairs:
            el = _el(links_el, "Link", guid=guid(link.id), name=STANCE_LABELS[link.stance],
                     direction="OneWay", color=STANCE_COLORS[link.stance],
                     originGUID=guid(link.recommendation_id), targetGUID=guid(link.response_id or ""))
            if link.id in assessed:
                _el(el, "NoteRef", targetGUID=assessed[link.id])
    ET.register_namespace("", NS)
    data = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return data, used


def export_qdpx(lib: Library, path: Path | str, *, progress: ProgressFn = no_progress,
                cancelled=lambda: False) -> ExportResult:
    start = time.perf_counter()
    path = Path(path).expanduser()
    project, used = build_project(lib)
    with atomic_path(path) as tmp:
        with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as zf:
            zf.writestr("project.qde", project)
            for i, d in enumerate(used):
                if cancelled():
                    raise UserError("export cancelled; nothing was written")
                progress(i, len(used), d.file_name)
                source = lib.stored_file(d)
                # PDFs are compressed already; storing them saves time.
                zf.write(source, f"Sources/{d.sha256}.pdf", compress_type=zipfile.ZIP_STORED)
    progress(len(used), len(used), "done")
    return ExportResult(path, "REFI-QDA project", time.perf_counter() - start,
                        {"sources": len(used), "annotations": sum(1 for _ in records.list_annotations(lib.db))})
