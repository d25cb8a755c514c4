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


def test_core_messages_carry_a_code_and_show_in_dutch(dutch):
    from app.domain import UserError
    from app.messages import CATALOGUE, user_error
    from ui.messages import check_item, error_text, import_failure

    error = user_error("detect.no_text", title="Beleidsnota (scan)")
    assert isinstance(error, UserError)
    assert str(error) == "'Beleidsnota (scan)' has no text layer (a scan?): recommendations cannot be detected"
    assert error_text(error) == ("‘Beleidsnota (scan)’ heeft geen tekstlaag (een scan?): er kunnen geen "
                                 "aanbevelingen in worden gevonden")
    assert import_failure("encrypted", "encrypted: give --password") == (
        "het bestand is versleuteld: er is een wachtwoord nodig")
    assert check_item("search index") == "zoekindex"
    # A message without a code stays as the core wrote it.
    assert error_text(UserError("something else")) == "something else"
    assert all(code.split(".")[0] in {"import", "doc", "detect", "link", "check"} for code in CATALOGUE)
