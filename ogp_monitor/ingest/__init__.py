"""Reading an analyst's export: bytes in, clean frames and cell-precise problems out.

Pure: never touches the database file (``store`` loads what this returns).
reader (safe unzip + calamine) -> validate (spec, parsing, textnorm) -> Clean + problems;
template writes the blank workbook the format describes.
"""
