"""The languages a family can ask us to use, stored as language codes.

The codes match the site's languages (settings.LANGUAGES), so texts and letters can use
the family's language directly. Names are written in the language itself, as a family
looks for them.
"""

ENGLISH = "en"
OTHER = "other"

FAMILY_LANGUAGES = [
    ("en", "English"),
    ("pl", "Polski"),
    ("ur", "اردو"),
    ("pa", "ਪੰਜਾਬੀ"),
    ("bn", "বাংলা"),
    ("ro", "Română"),
]
FAMILY_LANGUAGE_CODES = frozenset(code for code, _name in FAMILY_LANGUAGES)


def language_name(code: str) -> str:
    return dict(FAMILY_LANGUAGES).get(code, code)
