from cairn.core.spreadsheet import safe_cell


def test_a_cell_that_starts_like_a_formula_is_written_as_text():
    assert safe_cell("=1+1") == "'=1+1"
    assert safe_cell("-3") == "'-3"
    assert safe_cell("@SUM") == "'@SUM"
    assert safe_cell("Walked 3 times") == "Walked 3 times"
    assert safe_cell(None) == ""
