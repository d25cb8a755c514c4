"""A REFI-QDA project (``.qdpx``) for QualCoder, ATLAS.ti, NVivo and MAXQDA.

The archive holds ``project.qde`` (QDA-XML 1.0) and ``Sources/`` with every
document's PDF (named by its SHA-256), the PDF's plain-text representation
and the text of free-standing notes. Mapping, checked against QualCoder's own
importer (``refi.py``, ``RefiImport``; see ``tests/export/test_qualcoder.py``):

- reviewers (annotation and link authors) -> ``Users``;
- tags (as a tree), roles and stances -> codes under three parent codes, plus
  "not judged yet" for a recommendation no link judges, distinct from "none"
  (a reviewer judged that there is no response);
- each document -> a ``PDFSource`` with a ``Representation``: the library's
  page text, pages separated by a line break (``app.export.qdpx_text``);
- each annotation -> one ``PDFSelection`` per page it touches (the box of its
  rectangles there; the quote as ``name``, which QualCoder keeps as the
  area's memo, and as ``Description``) and, for a text passage, a
  ``PlainTextSelection`` in the representation whose positions give back its
  exact quote, also across a page break. Both are coded with the role, the
  tags and the stances of its links;
- a passage's note -> a ``Note`` with the text and the passage's position,
  referred to from the selection (ATLAS.ti, NVivo) and from the
  representation (QualCoder reads it there); an area's note -> a ``Note``
  with its text in ``Sources/`` (QualCoder makes those journal entries);
- each link -> a ``Link`` from the recommendation to the response, named by
  the stance, with a ``Note`` naming both passages, stance, assessment and
  reviewer (a journal entry in QualCoder, which has no links); an explicit
  "no response" has the note only.

Selections use QualCoder's convention: 0-based page, PDF points with the
origin at the top left. Every element carries its creation and modification
time. GUIDs are stable: library ids where they exist, otherwise UUID5 of a
name, so exporting twice gives the same project.
"""
from __future__ import annotations

import time
import uuid
from dataclasses import dataclass, field
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

from app import __version__
from app.domain import ROLE_COLORS, ROLES, STANCE_COLORS, STANCE_LABELS, STANCES, Role, UserError
from app.export import ExportResult, ProgressFn, no_progress
from app.export.atomic import atomic_path
from app.export.i18n import ENGLISH, remark_lines
from app.export.qdpx_text import representation
from app.export.text import xml_safe
from app.library import Library
from storage import records
from storage.types import Annotation, Document, Link, Tag

NS = "urn:QDA-XML:project:1.0"
UNJUDGED = "not judged yet"
UNJUDGED_COLOR = "#c8c8c8"
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


def _user(user_guid: dict[str, str], name: str) -> str | None:
    return user_guid.get(name) if name else None


def _stamps(created: str, modified: str, user: str | None) -> dict[str, str | None]:
    return {"creatingUser": user, "creationDateTime": created, "modifyingUser": user,
            "modifiedDateTime": modified or created}


@dataclass
class _Note:
    guid: str
    name: str
    text: str
    author: str
    created: str
    modified: str
    span: tuple[int, int] | None = None  # an annotation note: where in its source's text
    journal: bool = False  # a free-standing note: its text goes in Sources/ (QualCoder reads those)


@dataclass
class Project:
    xml: bytes
    documents: list[Document]
    texts: dict[str, str] = field(default_factory=dict)  # file name in Sources/ -> text
    unplaced: list[str] = field(default_factory=list)  # annotation ids without a text position


def _unique_names(docs: list[Document]) -> dict[str, str]:
    out, seen = {}, set()
    for d in docs:
        base = d.file_name if d.file_name.lower().endswith(".pdf") else d.file_name + ".pdf"
        name, n = base, 1
        while name.lower() in seen:
            n += 1
            name = f"{base[:-4]} ({n}).pdf"
        seen.add(name.lower())
        out[d.id] = name
    return out


def _pdf_selections(src: ET.Element, a: Annotation, author: str | None, codes: list[str]) -> None:
    """One PDFSelection per page the annotation touches (the first keeps the
    annotation's id), each the bounding box of the rectangles on that page."""
    by_page: dict[int, list[tuple[float, ...]]] = {}
    for r in a.rects:
        by_page.setdefault(int(r[0]), []).append(r)
    if not by_page:
        by_page[a.page_no] = [(a.page_no, 0.0, 0.0, 0.0, 0.0)]
    name = " ".join(a.quote.split()) if a.quote and not a.is_area else (a.label or a.role)
    for i, (page, rects) in enumerate(sorted(by_page.items())):
        sel = _el(
            src, "PDFSelection",
            guid=guid(a.id) if i == 0 else named_guid("pdf-selection", f"{a.id}:{page}"),
            name=name, page=str(page - 1),
            firstX=str(int(min(r[1] for r in rects))), firstY=str(int(min(r[2] for r in rects))),
            secondX=str(int(round(max(r[3] for r in rects)))), secondY=str(int(round(max(r[4] for r in rects)))),
            **_stamps(a.created, a.modified, author),
        )
        if a.quote:
            _text(sel, "Description", a.quote)
        _codings(sel, f"{a.id}:{page}", codes, author, a.created)
        if a.note:
            _el(sel, "NoteRef", targetGUID=named_guid("note", a.id))


def _codings(sel: ET.Element, key: str, codes: list[str], author: str | None, stamp: str) -> None:
    for code in codes:
        coding = _el(sel, "Coding", guid=named_guid("coding", f"{key}:{code}"),
                     creatingUser=author, creationDateTime=stamp)
        _el(coding, "CodeRef", targetGUID=code)


def _link_text(link: Link, anns: dict[str, Annotation], docs: dict[str, Document]) -> str:
    def passage(ann_id: str | None) -> str:
        a = anns.get(ann_id or "")
        if a is None:
            return "-"
        d = docs[a.document_id]
        head = f"{a.label} " if a.label else ""
        return f"{head}({d.file_name}, p. {a.page_no}): {' '.join(a.quote.split())}"

    lines = [
        f"Recommendation {passage(link.recommendation_id)}",
        f"Response {passage(link.response_id)}" if link.response_id else "Response: none",
        f"Stance: {STANCE_LABELS[link.stance]}",
    ]
    if link.assessment:
        lines.append(f"Assessment: {link.assessment}")
    if link.author:
        lines.append(f"Judged by: {link.author}")
    return "\n".join(lines)


def build_project(lib: Library) -> Project:
    """project.qde's bytes, the documents whose PDFs go in Sources/ and the
    text files beside them (plain-text representations, free-standing notes)."""
    db = lib.db
    doc_list = sorted(records.list_documents(db), key=lambda d: (d.file_name, d.id))
    docs = {d.id: d for d in doc_list}
    anns = records.list_annotations(db)
    ann_by_id = {a.id: a for a in anns}
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
    # Distinct from "none" (the reviewer judged: no response): nobody has judged yet.
    stance_code[UNJUDGED] = named_guid("stance", UNJUDGED)
    el = _el(stance_parent, "Code", guid=stance_code[UNJUDGED], name=UNJUDGED, isCodable="true",
             color=UNJUDGED_COLOR)
    _text(el, "Description", "recommendation nobody has judged yet")

    stances_of: dict[str, set[str]] = {}
    for link in links:
        for end in (link.recommendation_id, link.response_id):
            if end:
                stances_of.setdefault(end, set()).add(link.stance)
    notes: list[_Note] = []
    project = Project(b"", [])

    sources = _el(root, "Sources")
    by_doc: dict[str, list[Annotation]] = {}
    for a in anns:
        by_doc.setdefault(a.document_id, []).append(a)
    names = _unique_names(doc_list)
    for d in doc_list:
        project.documents.append(d)
        doc_anns = by_doc.get(d.id, [])
        pages = [p.text for p in records.get_pages(db, d.id)]
        rep = representation(pages, [(a.id, a.page_no, a.quote,
                                      max([int(r[0]) for r in a.rects] or [a.page_no]))
                                     for a in doc_anns if a.quote and not a.is_area])
        src = _el(sources, "PDFSource", guid=guid(d.id), name=names[d.id],
                  path=f"internal://{d.sha256}.pdf", creationDateTime=d.imported_at,
                  modifiedDateTime=d.modified)
        if d.title:
            _text(src, "Description", d.title)
        text_sels: list[tuple[Annotation, list[str], str | None]] = []
        for a in doc_anns:
            author = _user(user_guid, a.author)
            code_ids = [role_code[a.role]] + [guid(t) for t in sorted(a.tag_ids)]
            code_ids += [stance_code[s] for s in sorted(stances_of.get(a.id, ()))]
            if a.role == "recommendation" and a.id not in stances_of:
                code_ids.append(stance_code[UNJUDGED])
            _pdf_selections(src, a, author, code_ids)
            if a.id in rep.spans:
                text_sels.append((a, code_ids, author))
            elif a.quote and not a.is_area:
                project.unplaced.append(a.id)
            if a.note:
                notes.append(_Note(named_guid("note", a.id), f"Note on {a.label or a.role}",
                                   a.note, a.author, a.created, a.modified,
                                   span=rep.spans.get(a.id), journal=a.id not in rep.spans))
        rep_guid = named_guid("representation", d.id)
        rep_el = _el(src, "Representation", guid=rep_guid, name=f"{names[d.id]} (text)",
                     plainTextPath=f"internal://{rep_guid}.txt", creationDateTime=d.imported_at,
                     modifiedDateTime=d.modified)
        project.texts[f"{rep_guid}.txt"] = rep.text
        for a, code_ids, author in text_sels:
            pos0, pos1 = rep.spans[a.id]
            sel = _el(rep_el, "PlainTextSelection", guid=named_guid("text-selection", a.id),
                      name=a.label or a.role, startPosition=str(pos0), endPosition=str(pos1),
                      **_stamps(a.created, a.modified, author))
            # The reviewer's note, then what the detector noticed (QualCoder keeps it as the coding memo).
            memo = "\n".join([a.note, *remark_lines(list(a.remarks), ENGLISH)]).strip()
            if memo:
                _text(sel, "Description", memo)
            _codings(sel, f"{a.id}:text", code_ids, author, a.created)
            if a.note:
                _el(sel, "NoteRef", targetGUID=named_guid("note", a.id))
        for a, _codes, _author in text_sels:  # QualCoder reads a note's place from the source's NoteRefs
            if a.note:
                _el(rep_el, "NoteRef", targetGUID=named_guid("note", a.id))
    if not project.documents:
        root.remove(sources)

    for link in links:
        rec = ann_by_id.get(link.recommendation_id)
        label = rec.label if rec is not None and rec.label else "recommendation"
        notes.append(_Note(named_guid("assessment", link.id), f"Link {label}: {STANCE_LABELS[link.stance]}",
                           _link_text(link, ann_by_id, docs), link.author, link.created,
                           link.modified, journal=True))
    if notes:
        notes_el = _el(root, "Notes")
        # QualCoder makes a journal of each free-standing note and fails on a
        # second journal of the same name.
        seen: set[str] = set()
        for n in notes:
            base, k = n.name, 1
            while n.name.lower() in seen:
                k += 1
                n.name = f"{base} ({k})"
            seen.add(n.name.lower())
            attrs = _stamps(n.created, n.modified, _user(user_guid, n.author))
            if n.journal:
                file_name = f"{n.guid}.txt"
                project.texts[file_name] = n.text
                _el(notes_el, "Note", guid=n.guid, name=n.name, plainTextPath=f"internal://{file_name}", **attrs)
                continue
            note = _el(notes_el, "Note", guid=n.guid, name=n.name, **attrs)
            _text(note, "PlainTextContent", n.text)
            if n.span is not None:
                _el(note, "PlainTextSelection", guid=named_guid("note-selection", n.guid),
                    startPosition=str(n.span[0]), endPosition=str(n.span[1]), **attrs)
    pairs = [l for l in links if l.response_id]
    if pairs:
        links_el = _el(root, "Links")
        for link in pairs:
            el = _el(links_el, "Link", guid=guid(link.id), name=STANCE_LABELS[link.stance],
                     direction="OneWay", color=STANCE_COLORS[link.stance],
                     originGUID=guid(link.recommendation_id), targetGUID=guid(link.response_id or ""))
            _el(el, "NoteRef", targetGUID=named_guid("assessment", link.id))
    ET.register_namespace("", NS)
    project.xml = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return project


def export_qdpx(lib: Library, path: Path | str, *, progress: ProgressFn = no_progress,
                cancelled=lambda: False) -> ExportResult:
    start = time.perf_counter()
    path = Path(path).expanduser()
    project = build_project(lib)
    used = project.documents
    with atomic_path(path) as tmp:
        with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as zf:
            zf.writestr("project.qde", project.xml)
            for name, text in sorted(project.texts.items()):
                # Positions count characters; "replace" keeps the count for a stray surrogate.
                zf.writestr(f"Sources/{name}", text.encode("utf-8", errors="replace"))
            for i, d in enumerate(used):
                if cancelled():
                    raise UserError("export cancelled; nothing was written")
                progress(i, len(used), d.file_name)
                source = lib.stored_file(d)
                # PDFs are compressed already; storing them saves time.
                zf.write(source, f"Sources/{d.sha256}.pdf", compress_type=zipfile.ZIP_STORED)
    progress(len(used), len(used), "done")
    return ExportResult(path, "REFI-QDA project", time.perf_counter() - start,
                        {"sources": len(used), "annotations": sum(1 for _ in records.list_annotations(lib.db)),
                         "passages without a text position": len(project.unplaced)})
