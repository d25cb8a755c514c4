"""The window: PySide6 widgets, models and dialogs. Calls use cases in app/."""
