import pytest


@pytest.fixture
def make_window(qtbot):
    """Build a MainWindow on a library; closed (and its ops waited for) at the end."""
    from ui.application import create_application
    from ui.main_window import MainWindow

    create_application()
    windows = []

    def make(lib):
        window = MainWindow(lib)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        windows.append(window)
        return window

    yield make
    for w in windows:
        w.ops.wait(30000)
        w.close()
