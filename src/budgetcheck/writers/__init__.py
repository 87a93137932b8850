"""Writers turn the model (and findings) back into workbooks: a clean export of the
tables read, and an annotated copy of a workbook or PDF with its findings marked.

They import core, templates, readers (to re-read what they annotate) and app's guarded
outputs; never rules or reporters."""
