"""Small readers every question type shares: option ids as numbers, short answers with case
and spacing ignored, and table cells split at "|"."""


def normalise(text):
    """Case and spacing do not matter in short answers."""
    return " ".join(str(text).split()).casefold()


def as_int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def split_cell(cell):
    """The parts of a cell separated by "|", without empty ones."""
    return [part.strip() for part in cell.split("|") if part.strip()]
