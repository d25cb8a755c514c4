"""Team review in the window: join a team folder, stay in step, agreement."""
