"""The reader: PDF pages in tabs, selection, annotations and the codebook."""
