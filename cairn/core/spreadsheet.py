"""Cells written for a spreadsheet to open (the CSV files of a client's record, the
practice's audit log): what someone typed is never run as a formula when the file is
opened, however it starts."""

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> str:
    """A cell a spreadsheet shows as text: one starting like a formula gets a leading '."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_START) else text
