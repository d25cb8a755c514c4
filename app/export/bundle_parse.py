"""Reading a bundle someone else made: every byte is untrusted.

``parse_bundle`` checks the whole file before anything is written: size,
JSON syntax, nesting depth, duplicate keys, types, counts, lengths, ids
(``urn:uuid:`` only; they are never used as paths), document hashes,
file names (a name with a folder part, ``..`` or a drive is refused),
dates (RFC 3339, normalised to UTC with a Z) and numbers (finite, in
range). Any problem refuses the whole bundle with a message that says
where, and the library is not touched.
"""
from __future__ import annotations

import json
import math
import re
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from app.domain import ROLES, STANCES, UserError

MAX_BYTES = 64 * 1024 * 1024
MAX_DEPTH = 24
MAX_ANNOTATIONS = 200_000
MAX_TAGS = 20_000
MAX_DOCUMENTS = 20_000
MAX_BODIES = 2_000
MAX_RECTS = 5_000
MAX_TEXT = 200_000  # quotes, notes, assessments
MAX_SHORT = 1_000  # labels, names, tag names
MAX_PAGE = 100_000
MAX_TAG_DEPTH = 20
MAX_COORD = 1e6

_SHA = re.compile(r"^urn:sha256:([0-9a-f]{64})$")
_COLOR = re.compile(r"^#[0-9a-fA-F]{6}$")
_PAGE = re.compile(r"^page=(\d{1,6})$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$")


class BundleError(UserError):
    """A bundle refused as a whole; the message says where and why."""


@dataclass
class TagIn:
    id: str
    name: str
    parent_id: str | None
    color: str
    description: str
    created: str
    modified: str


@dataclass
class LinkIn:
    id: str
    response_id: str | None
    stance: str
    assessment: str
    author: str
    created: str
    modified: str


@dataclass
class AnnotationIn:
    id: str
    sha256: str
    file_name: str
    page_no: int
    rects: list[list[float]]
    quote: str
    prefix: str
    suffix: str
    role: str
    label: str
    note: str
    color: str | None
    author: str
    created: str
    modified: str
    is_area: bool
    orphaned: bool
    tags: list[tuple[str | None, str]]  # (tag id if given, tag path)
    links: list[LinkIn]
    raw: dict  # the item as received, kept for pending annotations
    remarks: list[dict] = field(default_factory=list)  # the detector's (app.export.i18n.remark_lines)


@dataclass
class ParsedBundle:
    documents: dict[str, str] = field(default_factory=dict)  # sha -> file name
    tags: list[TagIn] = field(default_factory=list)
    annotations: list[AnnotationIn] = field(default_factory=list)


# --- low-level checks ---------------------------------------------------------

def _fail(where: str, what: str) -> BundleError:
    return BundleError(f"the bundle is refused: {where}: {what}; nothing was imported")


def _obj(v: Any, where: str) -> dict:
    if not isinstance(v, dict):
        raise _fail(where, "expected an object")
    return v


def _list(v: Any, where: str, limit: int) -> list:
    if not isinstance(v, list):
        raise _fail(where, "expected a list")
    if len(v) > limit:
        raise _fail(where, f"{len(v)} entries is more than the limit of {limit}")
    return v


def _str(v: Any, where: str, limit: int = MAX_SHORT, *, optional: bool = False) -> str:
    if v is None and optional:
        return ""
    if not isinstance(v, str):
        raise _fail(where, "expected text")
    if len(v) > limit:
        raise _fail(where, f"text of {len(v)} characters is longer than the limit of {limit}")
    if "\x00" in v:
        raise _fail(where, "text contains a NUL character")
    return v


def _uuid(v: Any, where: str) -> str:
    s = _str(v, where, 100)
    if not s.lower().startswith("urn:uuid:"):
        raise _fail(where, f"'{s[:60]}' is not a urn:uuid: id")
    try:
        return uuid.UUID(s[9:]).hex
    except ValueError:
        raise _fail(where, f"'{s[:60]}' is not a valid UUID") from None


def _date(v: Any, where: str) -> str:
    s = _str(v, where, 64)
    if not _DATE.match(s):
        raise _fail(where, f"'{s}' is not a date and time like 2026-11-20T10:00:00Z")
    try:
        dt = datetime.fromisoformat(s.replace("Z", "+00:00"))
    except ValueError:
        raise _fail(where, f"'{s}' is not a valid date") from None
    dt = dt.astimezone(timezone.utc)
    if not 1990 <= dt.year <= 2200:
        raise _fail(where, f"'{s}' is not a plausible date")
    return dt.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _file_name(v: Any, where: str) -> str:
    s = _str(v, where, 255)
    if (
        "/" in s or "\\" in s or s.startswith("..") or re.match(r"^[A-Za-z]:", s)
        or any(ord(ch) < 32 or ord(ch) == 127 for ch in s)
    ):
        raise _fail(where, f"file name '{s[:80]}' has a folder part or control characters")
    return s


def _number(v: Any, where: str) -> float:
    if isinstance(v, bool) or not isinstance(v, (int, float)):
        raise _fail(where, "expected a number")
    if not math.isfinite(v) or abs(v) > MAX_COORD:
        raise _fail(where, "number out of range")
    return v


def _bool(v: Any, where: str) -> bool:
    if v is None:
        return False
    if not isinstance(v, bool):
        raise _fail(where, "expected true or false")
    return v


def _creator_name(v: Any, where: str) -> str:
    if v is None:
        return ""
    if isinstance(v, str):
        return _str(v, where)
    return _str(_obj(v, where).get("name", ""), f"{where}.name", optional=True)


def _check_depth(doc: Any) -> None:
    stack = [(doc, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise _fail("structure", f"nested deeper than {MAX_DEPTH} levels")
        if isinstance(node, dict):
            stack.extend((v, depth + 1) for v in node.values())
        elif isinstance(node, list):
            stack.extend((v, depth + 1) for v in node)


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict:
    out: dict = {}
    for k, v in pairs:
        if k in out:
            raise _fail("JSON", f"the key '{k[:40]}' appears twice in one object")
        out[k] = v
    return out


def _reject_constant(name: str) -> Any:
    raise _fail("JSON", f"{name} is not a number JSON allows")


def load_json(path: Path) -> Any:
    try:
        if not path.is_file():
            raise BundleError(f"{path} is not a file")
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise _fail("file", f"{size // (1024 * 1024)} MB is larger than the limit of {MAX_BYTES // (1024 * 1024)} MB")
        with path.open("rb") as fh:
            data = fh.read(MAX_BYTES + 1)
    except OSError as exc:
        raise BundleError(f"{path} cannot be read ({exc.strerror or exc})") from exc
    if len(data) > MAX_BYTES:
        raise _fail("file", "larger than the limit")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise _fail("file", "not UTF-8 text") from None
    try:
        doc = json.loads(text, object_pairs_hook=_no_duplicates, parse_constant=_reject_constant)
    except RecursionError:
        raise _fail("structure", "nested too deeply") from None
    except json.JSONDecodeError as exc:
        raise _fail("file", f"not JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})") from None
    _check_depth(doc)
    return doc


# --- the bundle's parts ---------------------------------------------------------

def _has_type(obj: dict, name: str) -> bool:
    t = obj.get("type")
    return t == name or (isinstance(t, list) and name in t)


def parse_tag(t: Any, where: str) -> TagIn:
    t = _obj(t, where)
    name = _str(t.get("label"), f"{where}.label").strip()
    if not name or "/" in name:
        raise _fail(f"{where}.label", "a tag name must be non-empty and without '/'")
    color = _str(t.get("color", "#808080"), f"{where}.color", 7)
    if not _COLOR.match(color):
        raise _fail(f"{where}.color", f"'{color}' is not a colour like #3366cc")
    parent = t.get("parent")
    return TagIn(
        id=_uuid(t.get("id"), f"{where}.id"),
        name=name,
        parent_id=_uuid(parent, f"{where}.parent") if parent is not None else None,
        color=color.lower(),
        description=_str(t.get("description", ""), f"{where}.description", MAX_TEXT),
        created=_date(t.get("created"), f"{where}.created"),
        modified=_date(t.get("modified"), f"{where}.modified"),
    )


def _parse_link(b: dict, where: str) -> LinkIn:
    stance = _str(b.get("stance"), f"{where}.stance", 20)
    if stance not in STANCES:
        raise _fail(f"{where}.stance", f"'{stance}' is not one of {', '.join(STANCES)}")
    response = b.get("source")
    return LinkIn(
        id=_uuid(b.get("linkId"), f"{where}.linkId"),
        response_id=_uuid(response, f"{where}.source") if response is not None else None,
        stance=stance,
        assessment=_str(b.get("assessment", ""), f"{where}.assessment", MAX_TEXT),
        author=_creator_name(b.get("creator"), f"{where}.creator"),
        created=_date(b.get("created"), f"{where}.created"),
        modified=_date(b.get("modified"), f"{where}.modified"),
    )


def _quote(q: dict, where: str) -> tuple[str, str, str]:
    return (
        _str(q.get("exact"), f"{where}.exact", MAX_TEXT),
        _str(q.get("prefix", ""), f"{where}.prefix", MAX_SHORT, optional=True),
        _str(q.get("suffix", ""), f"{where}.suffix", MAX_SHORT, optional=True),
    )


def _selectors(value: Any, where: str) -> tuple[int, str, str, str]:
    """(page, quote, prefix, suffix) from one selector or a list of them.

    The page comes from a ``page=N`` FragmentSelector or else a PageSelector
    (0-based index); the quote from a top-level TextQuoteSelector or one
    refining the fragment (the form of format version 1)."""
    items = _list(value, where, 20) if isinstance(value, list) else [_obj(value, where)]
    page: int | None = None
    quote: tuple[str, str, str] | None = None
    for i, sel in enumerate(items):
        sw = f"{where}[{i}]" if isinstance(value, list) else where
        sel = _obj(sel, sw)
        if _has_type(sel, "FragmentSelector"):
            pm = _PAGE.match(_str(sel.get("value"), f"{sw}.value", 20))
            if not pm or not 1 <= int(pm.group(1)) <= MAX_PAGE:
                raise _fail(f"{sw}.value", "expected page=N with N from 1")
            page = int(pm.group(1))
            if sel.get("refinedBy") is not None:
                q = _obj(sel["refinedBy"], f"{sw}.refinedBy")
                if not _has_type(q, "TextQuoteSelector"):
                    raise _fail(f"{sw}.refinedBy", "expected a TextQuoteSelector")
                quote = quote or _quote(q, f"{sw}.refinedBy")
        elif _has_type(sel, "TextQuoteSelector"):
            quote = _quote(sel, sw)  # wins over an area's text
        elif _has_type(sel, "ShapeSelector") and sel.get("text") is not None and quote is None:
            quote = (_str(sel.get("text"), f"{sw}.text", MAX_TEXT), "", "")
        elif _has_type(sel, "PageSelector") and page is None:
            index = sel.get("index")
            if isinstance(index, bool) or not isinstance(index, int) or not 0 <= index < MAX_PAGE:
                raise _fail(f"{sw}.index", "expected a page index from 0")
            page = index + 1
    if page is None:
        raise _fail(where, "expected a FragmentSelector (page=N) or a PageSelector")
    return (page, *(quote or ("", "", "")))


def parse_remarks(value: Any, where: str) -> list[dict]:
    """The detector's remarks: a short list of known kinds with checked fields."""
    out = []
    for i, r in enumerate(_list(value, where, 20)):
        r = _obj(r, f"{where}[{i}]")
        kind = r.get("kind")
        if kind == "also_printed":
            page = r.get("page")
            if isinstance(page, bool) or not isinstance(page, int) or not 1 <= page <= MAX_PAGE:
                raise _fail(f"{where}[{i}].page", "expected a page number")
            out.append({"kind": kind, "page": page, "label": _str(r.get("label", ""), f"{where}[{i}].label")})
        elif kind == "group":
            out.append({"kind": kind, "text": _str(r.get("text", ""), f"{where}[{i}].text", MAX_TEXT)})
    return out


def parse_annotation(item: Any, where: str) -> AnnotationIn:
    a = _obj(item, where)
    if not _has_type(a, "Annotation"):
        raise _fail(f"{where}.type", "not an Annotation")
    ann_id = _uuid(a.get("id"), f"{where}.id")
    target = _obj(a.get("target"), f"{where}.target")
    source = _obj(target.get("source"), f"{where}.target.source")
    m = _SHA.match(_str(source.get("id"), f"{where}.target.source.id", 100))
    if not m:
        raise _fail(f"{where}.target.source.id", "expected urn:sha256: and 64 lower-case hex digits")
    page_no, quote, prefix, suffix = _selectors(target.get("selector"), f"{where}.target.selector")
    rects = []
    for i, r in enumerate(_list(target.get("rects", []), f"{where}.target.rects", MAX_RECTS)):
        r = _list(r, f"{where}.target.rects[{i}]", 5)
        if len(r) != 5:
            raise _fail(f"{where}.target.rects[{i}]", "a rectangle is [page, x0, y0, x1, y1]")
        page = r[0]
        if isinstance(page, bool) or not isinstance(page, int) or not 1 <= page <= MAX_PAGE:
            raise _fail(f"{where}.target.rects[{i}][0]", "expected a page number")
        rects.append([page] + [_number(v, f"{where}.target.rects[{i}]") for v in r[1:]])
    color = a.get("color")
    if color is not None:
        color = _str(color, f"{where}.color", 7)
        if not _COLOR.match(color):
            raise _fail(f"{where}.color", f"'{color}' is not a colour like #3366cc")
        color = color.lower()
    bodies = a.get("body", [])
    if isinstance(bodies, dict):
        bodies = [bodies]
    role, label, note = None, "", ""
    remarks: list[dict] = []
    tags: list[tuple[str | None, str]] = []
    links: list[LinkIn] = []
    for i, b in enumerate(_list(bodies, f"{where}.body", MAX_BODIES)):
        bw = f"{where}.body[{i}]"
        b = _obj(b, bw)
        purpose = b.get("purpose")
        if purpose in ("linking", "assessing") and "linkId" in b:
            links.append(_parse_link(b, bw))
        elif purpose == "classifying":
            role = _str(b.get("value"), f"{bw}.value", 40)
        elif purpose == "identifying":
            label = _str(b.get("value"), f"{bw}.value")
        elif purpose == "describing" and "remarks" in b:
            remarks = parse_remarks(b.get("remarks"), f"{bw}.remarks")
        elif purpose == "commenting":
            note = _str(b.get("value"), f"{bw}.value", MAX_TEXT)
        elif purpose == "tagging":
            path = _str(b.get("value"), f"{bw}.value").strip()
            if not path or any(not part.strip() for part in path.split("/")):
                raise _fail(f"{bw}.value", "empty tag name")
            if path.count("/") >= MAX_TAG_DEPTH:
                raise _fail(f"{bw}.value", f"tags nested deeper than {MAX_TAG_DEPTH} levels")
            tid = b.get("tagId")
            tags.append((_uuid(tid, f"{bw}.tagId") if tid is not None else None, path))
    if role not in ROLES:
        raise _fail(f"{where}.body", f"no role body (purpose classifying) with one of {', '.join(ROLES)}")
    return AnnotationIn(
        id=ann_id,
        sha256=m.group(1),
        file_name=_file_name(source.get("fileName", ""), f"{where}.target.source.fileName"),
        page_no=page_no,
        rects=rects,
        quote=quote,
        prefix=prefix,
        suffix=suffix,
        role=role,
        label=label,
        note=note,
        color=color,
        author=_creator_name(a.get("creator"), f"{where}.creator"),
        created=_date(a.get("created"), f"{where}.created"),
        modified=_date(a.get("modified"), f"{where}.modified"),
        is_area=_bool(a.get("area"), f"{where}.area"),
        orphaned=_bool(a.get("orphaned"), f"{where}.orphaned"),
        tags=tags,
        links=links,
        raw=a,
        remarks=remarks,
    )


def parse_bundle_data(doc: Any) -> ParsedBundle:
    root = _obj(doc, "the file")
    if not _has_type(root, "AnnotationCollection"):
        raise _fail("type", "not a W3C AnnotationCollection")
    out = ParsedBundle()
    for i, d in enumerate(_list(root.get("documents", []), "documents", MAX_DOCUMENTS)):
        d = _obj(d, f"documents[{i}]")
        m = _SHA.match(_str(d.get("id"), f"documents[{i}].id", 100))
        if not m:
            raise _fail(f"documents[{i}].id", "expected urn:sha256: and 64 lower-case hex digits")
        out.documents[m.group(1)] = _file_name(d.get("fileName", ""), f"documents[{i}].fileName")
        _str(d.get("title", ""), f"documents[{i}].title", MAX_TEXT)
    seen_tags: set[str] = set()
    for i, t in enumerate(_list(root.get("tags", []), "tags", MAX_TAGS)):
        tag = parse_tag(t, f"tags[{i}]")
        if tag.id in seen_tags:
            raise _fail(f"tags[{i}].id", "the same tag id appears twice")
        seen_tags.add(tag.id)
        out.tags.append(tag)
    by_id = {t.id: t for t in out.tags}
    for t in out.tags:  # parents must be known here and never loop
        cur, steps = t, 0
        while cur.parent_id is not None:
            if cur.parent_id not in by_id:
                raise _fail(f"tag '{t.name}'", "its parent is not in the bundle")
            cur, steps = by_id[cur.parent_id], steps + 1
            if steps > len(by_id):
                raise _fail(f"tag '{t.name}'", "its parents form a loop")
    page = _obj(root.get("first"), "first")
    items = _list(page.get("items"), "first.items", MAX_ANNOTATIONS)
    seen: set[str] = set()
    new_paths: set[str] = set()  # tags named only by path would be created
    for i, item in enumerate(items):
        ann = parse_annotation(item, f"first.items[{i}]")
        if ann.id in seen:
            raise _fail(f"first.items[{i}].id", "the same annotation id appears twice")
        seen.add(ann.id)
        for tid, path in ann.tags:
            if tid is not None and tid not in by_id:
                raise _fail(f"first.items[{i}]", "a tag body names a tag the bundle does not list")
            if tid is None:
                new_paths.add(path.lower())
        if len(new_paths) > MAX_TAGS:
            raise _fail("first.items", f"more than {MAX_TAGS} different tags")
        out.annotations.append(ann)
    total = root.get("total")
    if total is not None and total != len(out.annotations):
        raise _fail("total", f"says {total} annotations but the bundle holds {len(out.annotations)}")
    return out


def parse_bundle(path: Path | str) -> ParsedBundle:
    return parse_bundle_data(load_json(Path(path).expanduser()))
