"""The summary is written in the documents' language by default and titled
with the project's name, which the reviewer sets in Settings."""
from __future__ import annotations


def test_summary_defaults_to_the_documents_language_and_the_project_name(qtbot, sample_library, make_window):
    from app.export.summary import build_summary
    from ui.settings_dialog import SettingsDialog

    lib = sample_library
    window = make_window(lib)  # the interface is English in the tests
    plugin = window.features["ui.export.plugin"]
    plugin.export_summary()
    dialog = plugin.summary_dialog
    assert dialog.chosen_language() == "nl"  # the six samples are Dutch
    dialog.reject()

    assert build_summary(lib).library == lib.root.name  # nothing set yet: the folder
    settings = SettingsDialog(window)
    settings.project.setText("  Evaluatie   mensenrechtenbeleid ")
    settings.accept()
    assert lib.project_name == "Evaluatie mensenrechtenbeleid"
    assert build_summary(lib).library == "Evaluatie mensenrechtenbeleid"
