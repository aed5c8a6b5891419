"""The demo page tree: invented but realistic content comms staff would start from."""

WHAT_IS_EARLY_HELP = [
    (
        "paragraph",
        "<p>Early help means getting support for your family as soon as things start to get "
        "hard, not waiting until they reach a crisis. It is free, it is your choice, and you "
        "stay in charge of what happens.</p>",
    ),
    ("heading", "Who it is for"),
    (
        "paragraph",
        "<p>Any family in Sandwell with children aged 0 to 18, or up to 25 with special "
        "educational needs or disabilities. Young people can ask for help themselves.</p>"
        "<ul><li>worries about behaviour, school or friendships</li>"
        "<li>money, housing or work</li><li>arguments or violence at home</li>"
        "<li>health, drugs or alcohol</li></ul>",
    ),
    (
        "inset_text",
        "<p>One worker, from one agency, works with your family. You will not have to tell "
        "your story again and again.</p>",
    ),
    (
        "details",
        {
            "summary": "Who will know I asked for help?",
            "body": "<p>Only the people who need to know to help you. We tell you who that is "
            "and why before you send your request.</p>",
        },
    ),
    ("warning_text", "If you think a child is in danger now, call 999."),
    (
        "contact",
        {
            "heading": "Early help advice line",
            "phone": "0121 496 0100",
            "email": "",
            "hours": "Monday to Friday, 9am to 5pm",
            "address": "",
        },
    ),
]

PRIVACY = [
    (
        "paragraph",
        "<p>Sandwell Council is responsible for the information you give us through Family "
        "Voice. We use it only to help your family, share it only with the people who need "
        "it to help you, and delete it when we no longer need it.</p>",
    ),
    ("heading", "Your rights"),
    (
        "paragraph",
        "<p>You can ask to see the information we hold about you, ask us to correct it, or "
        "complain to the Information Commissioner's Office.</p>",
    ),
]

ACCESSIBILITY = [
    (
        "paragraph",
        "<p>We want as many people as possible to be able to use this website. You should be "
        "able to zoom in to 400% without the text spilling off the screen, get around it "
        "using just a keyboard or speech recognition software, and listen to it using a "
        "screen reader.</p>",
    ),
]

# The demo's words are Sandwell's; another council's pages read the same with its own name.
DEMO_AREA = "Sandwell"


def in_area(value, area: str):
    """The demo's words (a string, or lists, tuples and dicts of them) for `area`."""
    if isinstance(value, str):
        return value.replace(DEMO_AREA, area)
    if isinstance(value, dict):
        return {key: in_area(item, area) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(in_area(item, area) for item in value)
    return value


HUBS = {
    "oldbury": [
        ("Oldbury Family Hub", "Unity Walk, Oldbury"),
        ("Langley Family Hub", "Langley High Street"),
    ],
    "west-bromwich": [
        ("West Bromwich Family Hub", "High Street, West Bromwich"),
        ("Hateley Heath Family Hub", "Hateley Heath"),
    ],
    "smethwick": [
        ("Smethwick Family Hub", "Cape Hill, Smethwick"),
        ("Bearwood Family Hub", "Bearwood Road"),
    ],
    "rowley-regis": [
        ("Rowley Regis Family Hub", "Old Hill"),
        ("Blackheath Family Hub", "Blackheath Market Place"),
    ],
    "tipton": [
        ("Tipton Family Hub", "Owen Street, Tipton"),
        ("Great Bridge Family Hub", "Great Bridge"),
    ],
    "wednesbury": [
        ("Wednesbury Family Hub", "Market Place, Wednesbury"),
        ("Friar Park Family Hub", "Friar Park"),
    ],
    # Dudley's towns (invented hubs at real places).
    "dudley": [
        ("Dudley Family Hub", "Castle Street, Dudley"),
        ("Netherton Family Hub", "Netherton"),
    ],
    "sedgley": [("Sedgley Family Hub", "Bull Ring, Sedgley")],
    "brierley-hill": [("Brierley Hill Family Hub", "High Street, Brierley Hill")],
    "kingswinford": [("Kingswinford Family Hub", "Market Street, Kingswinford")],
    "stourbridge": [
        ("Stourbridge Family Hub", "Market Street, Stourbridge"),
        ("Lye Family Hub", "Lye"),
    ],
    "halesowen": [("Halesowen Family Hub", "Hagley Road, Halesowen")],
}

HOME = {
    "title": "Get early help for your family",
    "lead": "Family Voice is how families, children and young people in Sandwell ask for help "
    "early, before things get harder. It is free and you do not need a referral.",
    "body": [
        (
            "paragraph",
            "<p>Tell us what is happening and what would help. Your town's early help team will "
            "contact you, in the way you say is safe.</p>",
        )
    ],
}

REQUEST_HELP = {
    "title": "Ask for early help",
    "lead": "Parents, carers, other family members and young people aged 11 to 17 can ask for help "
    "here. It is free and you do not need anyone to refer you.",
    "intro": "<p>It takes about 10 minutes. We will ask about you, your family, what is happening and "
    "how we can contact you safely.</p><p>Your answers are saved as you go. You can stop and carry on "
    "later, on this phone or another one.</p>",
    "young_people_note": "<p>If you are 11 to 17 you can ask for help yourself. You don't have to tell "
    "your parents or carers first.</p>",
    "what_happens_next": "<p>A worker from your town's early help team will read your request and "
    "contact you to talk about what would help. One worker will stay with your family, so you will "
    "not have to tell your story again and again.</p>",
}

NEIGHBOURING_COUNCILS = [
    (
        "Birmingham City Council",
        "https://www.birmingham.gov.uk/",
        "0121 496 0201",
        "B1, B2, B3, B4, B5, B6, B7, B8, B9, B10, B11, B12, B13, B14, B15, B16, B17, B18, B19, "
        "B20, B21, B23, B24, B25, B26, B27, B28, B29, B30, B31, B32, B33, B34, B35, B36, B38, B42, B44",
    ),
    (
        "Walsall Council",
        "https://go.walsall.gov.uk/",
        "0121 496 0203",
        "WS1, WS2, WS3, WS4, WS5, WS6, WS8, WS9",
    ),
    (
        "City of Wolverhampton Council",
        "https://www.wolverhampton.gov.uk/",
        "0121 496 0204",
        "WV1, WV2, WV3, WV4, WV6, WV10, WV11, WV14",
    ),
]

FEEDBACK = {
    "title": "Tell us about your worker",
    "lead": "Children, young people and families: tell us what your worker is like. We read every answer.",
    "intro": "<p>It takes about 3 minutes. You don't have to tell us your name. Your worker will not see "
    "your name unless you want them to.</p>",
    "what_happens_next": "<p>A manager reads every answer. We publish what we changed on our "
    "'You said, we did' page, without names.</p>",
}

YOU_SAID_WE_DID = {
    "title": "You said, we did",
    "lead": "What children, young people and families told us, and what we changed because of it.",
}
