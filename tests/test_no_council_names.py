"""No council's name is written into an interface string: it comes from the council.

Every template, and every string Python code marks for translation, is read; docstrings,
comments, the demo's invented content and migrations may name a council.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NAMES = ("Sandwell", "Dudley")
TEMPLATE_FOLDERS = ["templates", "early_help/templates", "cms/templates"]
CODE_FOLDERS = ["early_help", "cms", "portal"]
GETTEXT = {"_", "gettext", "gettext_lazy", "pgettext", "pgettext_lazy", "ngettext", "ngettext_lazy"}


def _templates():
    for folder in TEMPLATE_FOLDERS:
        yield from sorted((ROOT / folder).rglob("*.html"))
        yield from sorted((ROOT / folder).rglob("*.txt"))


def _translated_strings(path: Path):
    tree = ast.parse(path.read_text(), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
            if name in GETTEXT:
                for argument in node.args:
                    if isinstance(argument, ast.Constant) and isinstance(argument.value, str):
                        yield node.lineno, argument.value


def _code():
    for folder in CODE_FOLDERS:
        for path in sorted((ROOT / folder).rglob("*.py")):
            if "migrations" in path.parts or path.name.startswith("demo"):
                continue
            yield path


@pytest.mark.parametrize("path", list(_templates()), ids=lambda p: str(p.relative_to(ROOT)))
def test_no_template_names_a_council(path):
    text = path.read_text()
    assert not [name for name in NAMES if name in text]


def test_no_string_marked_for_translation_names_a_council():
    found = [
        f"{path.relative_to(ROOT)}:{line}: {text}"
        for path in _code()
        for line, text in _translated_strings(path)
        if any(name in text for name in NAMES)
    ]
    assert found == []
