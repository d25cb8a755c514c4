"""Fixtures for the register: a library with annotations to link."""
from __future__ import annotations

import pytest

from app.domain import new_id, now_iso
from storage import records
from storage.types import Annotation, Role


def add_annotation(lib, doc_id: str, role: str, quote: str, page_no: int = 1, label: str = "") -> str:
    ann_id = new_id()
    stamp = now_iso()
    with lib.write():
        records.insert_annotation(lib.db, Annotation(
            id=ann_id, document_id=doc_id, role=Role(role), label=label, color=None,
            note="", author="test", created=stamp, modified=stamp, page_no=page_no,
            rects=((page_no, 10, 10, 100, 20),), is_area=False, quote=quote, prefix="",
            suffix="", orphaned=False,
        ))
    return ann_id


@pytest.fixture
def linked_library(sample_library):
    """The sample library with three recommendations in the report and two
    response passages in the reply."""
    from tests.conftest import doc_by_file

    lib = sample_library
    report = doc_by_file(lib, "iob-evaluatie").id
    reply = doc_by_file(lib, "kabinetsreactie").id
    ids = {
        "r1": add_annotation(lib, report, "recommendation", "Behoud voldoende capaciteit", 12, "1b"),
        "r2": add_annotation(lib, report, "recommendation", "Breng themacoalities in evenwicht", 12, "1c"),
        "r3": add_annotation(lib, report, "recommendation", "Beperk het aantal thema's", 13, "2b"),
        "a1": add_annotation(lib, reply, "response", "Volledige uitvoering is niet haalbaar", 2),
        "a2": add_annotation(lib, reply, "response", "Het kabinet herkent de analyse", 2),
        "ev": add_annotation(lib, report, "evidence", "De roulatie was hoog", 11),
    }
    lib.ids = ids
    return lib


