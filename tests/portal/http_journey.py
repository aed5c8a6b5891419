"""Walk the request-for-help journey over real HTTP, as a browser would.

The Django test client skips CSRF checks and shares one process with the server; this walks
a running server (gunicorn, runserver) with its own cookie jar, reading each form's CSRF
token first. Used by the SQLite concurrency test and CI's production check.
"""

import re
from concurrent.futures import ThreadPoolExecutor

import requests

from tests.cms.journey import PARENT_STEPS, URL

TIMEOUT = 30
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
REFERENCE = re.compile(r'class="fv-reference">([A-Z0-9-]+)<')


class Visitor:
    """One person with their own browser: a cookie jar and the address of the site.

    `behind_tls_proxy` plays the TLS-terminating proxy production runs behind: requests go
    to the server over plain HTTP with `X-Forwarded-Proto: https`, and the browser treats
    the connection as secure (it sends Secure cookies and an https Referer).
    """

    def __init__(self, base_url: str, *, behind_tls_proxy: bool = False):
        self.base_url = base_url.rstrip("/")
        self.session = requests.Session()
        self.behind_tls_proxy = behind_tls_proxy
        self.referer_base = self.base_url
        if behind_tls_proxy:
            self.session.headers["X-Forwarded-Proto"] = "https"
            self.referer_base = self.base_url.replace("http://", "https://", 1)

    def _arrived(self, response: requests.Response) -> requests.Response:
        if self.behind_tls_proxy:
            # The browser's side of the proxy is HTTPS, so it sends Secure cookies back;
            # ours is plain HTTP, where the cookie jar would hold them back.
            for cookie in self.session.cookies:
                cookie.secure = False
        return response

    def get(self, path: str) -> requests.Response:
        return self._arrived(
            self.session.get(self.base_url + path, timeout=TIMEOUT, allow_redirects=False)
        )

    def form_post(self, path: str, data: dict) -> requests.Response:
        """Load the form at `path`, then post `data` with its CSRF token, as a browser does."""
        page = self.get(path)
        assert page.status_code == 200, (path, page.status_code)
        return self.post(path, data, token=self.token(page))

    def post(self, path: str, data: dict, *, token: str) -> requests.Response:
        return self._arrived(
            self.session.post(
                self.base_url + path,
                data={**data, "csrfmiddlewaretoken": token},
                headers={"Referer": self.referer_base + path},
                timeout=TIMEOUT,
                allow_redirects=False,
            )
        )

    @staticmethod
    def token(page: requests.Response) -> str:
        match = CSRF.search(page.text)
        assert match, "no CSRF token on the page"
        return match.group(1)

    def answer_every_step(self, steps=PARENT_STEPS) -> list[int]:
        """Save each step in turn; returns every save's status, stopping at the first failure."""
        statuses = []
        for slug, data in steps:
            page = self.get(f"{URL}step/{slug}/")
            statuses.append(page.status_code)
            if page.status_code != 200:
                break
            response = self.post(f"{URL}step/{slug}/", data, token=self.token(page))
            statuses.append(response.status_code)
            if response.status_code != 302:
                break
        return statuses

    def submit(self, times: int = 1) -> list[int]:
        """Send the finished journey `times` at once, like a double (or triple) tap."""
        check = self.get(URL + "check-your-answers/")
        assert check.status_code == 200, check.status_code
        token = self.token(check)
        with ThreadPoolExecutor(max_workers=times) as pool:
            responses = list(
                pool.map(
                    lambda _: self.post(URL + "check-your-answers/", {"website": ""}, token=token),
                    range(times),
                )
            )
        return [r.status_code for r in responses]

    def reference(self) -> str:
        """The reference the confirmation page shows."""
        sent = self.get(URL + "sent/")
        assert sent.status_code == 200, sent.status_code
        match = REFERENCE.search(sent.text)
        assert match, "no reference on the confirmation page"
        return match.group(1)
