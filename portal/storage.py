from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticStorage(CompressedManifestStaticFilesStorage):
    """Hashed, compressed static files; `import` paths in our ES modules get hashed too."""

    support_js_module_import_aggregation = True
