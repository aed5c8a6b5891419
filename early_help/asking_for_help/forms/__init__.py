"""The questions of the request-for-help journey, one form per page.

Each form takes `journey` ("adult" or "young_person") so a young person asking for
themselves reads child-friendly words. Every message follows GOV.UK's patterns.
"""

from .about_you import (
    LANGUAGES,
    PROFESSIONAL,
    SAFE_TIMES,
    AboutYouForm,
    ContactForm,
    LanguageForm,
    NearestTownForm,
    SafeContactForm,
    WhoForm,
)
from .family import (
    CONSENT_WORDING_VERSION,
    DESCRIPTION_MAX,
    HELP_WANTED_MAX,
    OTHER_AGENCIES_MAX,
    ChildForm,
    ConsentForm,
    HelpWantedForm,
    OtherAgenciesForm,
    SharingForm,
    SituationForm,
    WhatsHappeningForm,
)
from .saving import ResumeForm, SubmitForm

__all__ = [
    "CONSENT_WORDING_VERSION",
    "DESCRIPTION_MAX",
    "HELP_WANTED_MAX",
    "LANGUAGES",
    "OTHER_AGENCIES_MAX",
    "PROFESSIONAL",
    "SAFE_TIMES",
    "AboutYouForm",
    "ChildForm",
    "ConsentForm",
    "ContactForm",
    "HelpWantedForm",
    "LanguageForm",
    "NearestTownForm",
    "OtherAgenciesForm",
    "ResumeForm",
    "SafeContactForm",
    "SharingForm",
    "SituationForm",
    "SubmitForm",
    "WhatsHappeningForm",
    "WhoForm",
]
