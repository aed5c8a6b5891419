"""Addresses of the routes a Wagtail routable page hosts."""


def subpage_url(page, name: str, *args) -> str:
    """The address of one of a routable page's routes, as links and redirects need it."""
    # The page's path on its own site, not `page.url`: with more than one site (one per
    # council) `page.url` is absolute, built from the site's recorded hostname and port,
    # which need not be the address the visitor used.
    parts = page.get_url_parts()
    path = parts[2] if parts is not None else page.url
    return path + page.reverse_subpage(name, args=args)
