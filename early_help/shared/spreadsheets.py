"""Spreadsheets staff download: cells a spreadsheet program would run are made text."""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """Spreadsheet programs run cells starting = + - @ as formulas: make them text."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value
