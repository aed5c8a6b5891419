"""The waiting reasons a new deployment starts with; administrators edit them in Wagtail."""

# (name, help for staff, waits on another agency)
DEFAULT_BLOCKAGE_REASONS = [
    ("No answer from the family", "We have tried and cannot reach them.", False),
    (
        "Waiting for another agency's decision",
        "Another agency has to decide before we can go on.",
        True,
    ),
    (
        "Waiting for a health visitor decision",
        "The health visiting team has to decide before we can go on.",
        True,
    ),
    ("Waiting for school", "The school has to answer or act before we can go on.", True),
    ("No worker free", "Nobody in the team can take it on yet.", False),
    ("Waiting for an interpreter", "We cannot go on without an interpreter.", False),
    ("Family asked to wait", "The family asked us to hold off for now.", False),
]


def blockage_reasons_ensure(BlockageReason) -> None:
    """Create the default reasons that are missing (by name); leave edited ones alone.

    Takes the model so that the data migration can pass its historical one.
    """
    for order, (name, help_text, other_agency) in enumerate(DEFAULT_BLOCKAGE_REASONS):
        BlockageReason.objects.get_or_create(
            name=name,
            defaults={
                "help_text": help_text,
                "waits_on_other_agency": other_agency,
                "sort_order": order * 10,
            },
        )
