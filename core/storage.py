"""Static files storage: whitenoise's hashed, compressed files, with our CSS and JS minified.

collectstatic copies every file to STATIC_ROOT first; before the copies are
hashed and compressed, the stylesheets and scripts that come from the
project's own ``static/`` folder are minified in place (comments and
whitespace only: rcssmin and rjsmin rename nothing, so what runs is what we
wrote). Files of Wagtail and other packages are left as they ship. The
source files stay readable; development serves them as they are.
"""

from pathlib import Path

import rcssmin
import rjsmin
from django.conf import settings
from whitenoise.storage import CompressedManifestStaticFilesStorage

MINIFIERS = {".css": rcssmin.cssmin, ".js": rjsmin.jsmin}


def own_static_dirs():
    dirs = []
    for entry in settings.STATICFILES_DIRS:
        path = entry[1] if isinstance(entry, tuple) else entry
        dirs.append(Path(path).resolve())
    return dirs


class MinifiedStaticFilesStorage(CompressedManifestStaticFilesStorage):
    def post_process(self, paths, dry_run=False, **options):
        if not dry_run:
            own = own_static_dirs()
            paths = dict(paths)
            for name, (source_storage, _source_path) in list(paths.items()):
                minify = MINIFIERS.get(Path(name).suffix)
                location = getattr(source_storage, "location", None)
                if minify and location and Path(location).resolve() in own:
                    self.minify(name, minify)
                    # Hashing reads from the source: point it at the minified copy.
                    paths[name] = (self, name)
        yield from super().post_process(paths, dry_run=dry_run, **options)

    def minify(self, name, minify):
        path = Path(self.path(name))
        text = path.read_text(encoding="utf-8")
        minified = minify(text)
        if len(minified) < len(text):
            path.write_text(minified, encoding="utf-8")
