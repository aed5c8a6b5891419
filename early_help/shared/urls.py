"""Addresses of the routes a Wagtail routable page hosts."""


def subpage_url(page, name: str, *args) -> str:
    """The address of one of a routable page's routes, as links and redirects need it."""
    return page.url + page.reverse_subpage(name, args=args)
