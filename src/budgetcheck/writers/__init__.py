"""Writers turn the model (and findings) back into workbooks: a clean export of the
tables read, and an annotated copy of a workbook with its findings marked."""
