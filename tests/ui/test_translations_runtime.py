"""Strings translated outside a widget's own tr() reach the user in Dutch too.

lupdate files ``QCoreApplication.translate("Ctx", ...)`` under Ctx and a
module-level ``tr("...")`` under the empty context; the code must look them
up under the same names, or the Dutch interface silently shows English.
"""
import pytest


@pytest.fixture
def dutch(qapp):
    from ui.i18n import install_translators

    install_translators(qapp, "nl")
    yield
    install_translators(qapp, "en")


def test_stances_and_undo_texts_are_dutch(dutch, sample_library):
    from ui.recommendations.view import stance_names
    from ui.reader.commands import CreateAnnotation
    from ui.undo import tr

    assert stance_names()["accepted"] == "overgenomen"
    assert stance_names()["none"] == "geen reactie"
    assert CreateAnnotation(sample_library, "doc", {}).text() == "Annotatie maken"
    assert tr("Could not undo or redo: {0}") != "Could not undo or redo: {0}"


def test_english_by_default(qapp):
    from ui.recommendations.view import stance_names

    assert stance_names()["accepted"] == "accepted"
