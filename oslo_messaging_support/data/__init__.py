# Licensed under the Apache License, Version 2.0 (the "License"); you may
# not use this file except in compliance with the License. You may obtain
# a copy of the License at
#
#      http://www.apache.org/licenses/LICENSE-2.0
#
# Unless required by applicable law or agreed to in writing, software
# distributed under the License is distributed on an "AS IS" BASIS, WITHOUT
# WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied. See the
# License for the specific language governing permissions and limitations
# under the License.
"""The bundled manifest and calendar, loaded from their compiled form.

``data/manifest.yaml`` and ``data/release-calendar.yaml`` are the files
people edit.  ``compiled.py``, generated from them by
``tools/compile_data.py`` and checked against them by a unit test, holds
the same data as Python literals, so that a service reads it without
importing or running a YAML parser.  Should a YAML file differ from what was
compiled (it was edited and the data not regenerated), it is parsed
instead: the YAML always wins.

``load_index.py``, generated with it, holds the files' digests
(:func:`is_current` compares them) and what the policy engine loads at
each series (see :mod:`.compiled_loads`).
"""

import hashlib
import os

#: The bundled files, by the name the compiled data knows them.
MANIFEST = 'manifest.yaml'
CALENDAR = 'release-calendar.yaml'

_DATA_DIR = os.path.dirname(os.path.abspath(__file__))


def path(name):
    """The path of the bundled file ``name`` (:data:`MANIFEST`...)."""
    return os.path.join(_DATA_DIR, name)


def digest(content):
    """The digest that tells compiled data from stale, of ``bytes``."""
    return hashlib.sha256(content).hexdigest()


def file_digest(name):
    """The :func:`digest` of the bundled file ``name`` as it is now.

    :raises OSError: the file cannot be read
    """
    with open(path(name), 'rb') as stream:
        return digest(stream.read())


def _compiled_from_current(name, compiled_digest):
    """Whether the bundled file ``name`` is what was compiled.

    ``True`` too when the file is missing (installed without its YAML):
    the compiled data is then all there is.
    """
    try:
        return file_digest(name) == compiled_digest
    except FileNotFoundError:
        return True
    except OSError:
        return False


def is_current():
    """Whether the compiled data is that of both bundled files as they are.

    When it is not (a YAML file was edited and the data not regenerated),
    the YAML is parsed instead and nothing compiled from it may be used.
    """
    from oslo_messaging_support.data import load_index
    return all(_compiled_from_current(name, compiled_digest)
               for name, compiled_digest
               in load_index.DIGESTS.items())


def load(name):
    """The parsed content of the bundled file ``name``.

    The compiled data when it was compiled from the file as it is now (or
    the file is missing), else the file parsed as YAML (with its line
    numbers).

    :param name: :data:`MANIFEST` or :data:`CALENDAR`
    :returns: a fresh ``dict`` (the caller may keep or change it)
    :raises ManifestError: the YAML had to be parsed and is invalid
    """
    from oslo_messaging_support.data import compiled
    compiled = compiled.FILES.get(name)
    if compiled is not None:
        compiled_digest, build = compiled
        if _compiled_from_current(name, compiled_digest):
            return build()
    return load_yaml(name)


def build(name, builder):
    """``builder(data)`` on the bundled file ``name``, errors with lines.

    The data comes from :func:`load`.  The compiled data knows no line
    numbers, so when ``builder`` finds it invalid, it is run once more on
    the file parsed as YAML, whose :class:`ManifestError` names the line;
    should that pass, the first error is raised.

    :param name: :data:`MANIFEST` or :data:`CALENDAR`
    :param builder: a callable that validates the data and builds from it
    :returns: what ``builder`` returns
    :raises ManifestError: the data is invalid
    """
    from oslo_messaging_support import exception
    data = load(name)
    try:
        return builder(data)
    except exception.ManifestError:
        if type(data) is not dict:
            raise  # it was the YAML already, with its lines
        builder(load_yaml(name))
        raise


def line_of(mapping, key=None):
    """The line of ``key`` in ``mapping``, or of the mapping itself.

    Like :func:`~.yamlfile.line_of`, without importing the YAML machinery
    for the compiled data, whose plain dictionaries know no lines.

    :returns: a 1-based line number, or ``None`` when it is not known
    """
    if type(mapping) is dict:
        return None
    from oslo_messaging_support.readers import yamlfile
    return yamlfile.line_of(mapping, key)


def load_yaml(name):
    """The bundled file ``name`` parsed as YAML, line numbers kept."""
    from oslo_messaging_support.readers import yamlfile
    return yamlfile.load_file(path(name))
