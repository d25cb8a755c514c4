"""The document library: list, import, samples."""
