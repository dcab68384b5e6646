"""Tells the page cache which query parameters the page being served uses (see
``pagecache.middleware``: a page class declares them in ``cache_query_params``)."""

from wagtail import hooks

from .middleware import REQUEST_PARAMS_ATTRIBUTE


@hooks.register("before_serve_page")
def declare_cache_query_params(page, request, serve_args, serve_kwargs):
    setattr(request, REQUEST_PARAMS_ATTRIBUTE, dict(getattr(page, "cache_query_params", {})))
