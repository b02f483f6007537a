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
"""The bundled manifest and calendar, and their compiled form.

``manifest.yaml`` and ``release-calendar.yaml`` are the files people edit.
``compiled.py``, generated from them by ``tools/compile_data.py``, holds
the same data as Python literals; it is what a running service reads, and
the unit tests and the pep8 gate run ``tools/compile_data.py --check`` so
that it always equals the YAML.  The YAML itself is parsed only to name
the line of an invalid entry (:func:`build`) and by the compiler.

``load_index.py``, generated with it, holds what the policy engine loads
silently at each series (see
:mod:`oslo_messaging_support.service.compiled_loads`).
"""

import os

MANIFEST = 'manifest.yaml'
CALENDAR = 'release-calendar.yaml'

#: The directory of the bundled files.
DIRECTORY = os.path.dirname(os.path.abspath(__file__))


def path(name, directory=None):
    """The path of the bundled file ``name`` (:data:`MANIFEST`...).

    :param directory: a copy of the bundled files (the compiler's tests),
        :data:`DIRECTORY` by default
    """
    return os.path.join(directory or DIRECTORY, name)


def load(name):
    """The compiled content of the bundled file ``name``.

    :param name: :data:`MANIFEST` or :data:`CALENDAR`
    :returns: a fresh ``dict`` (the caller may keep or change it)
    """
    from oslo_messaging_support.data import compiled
    return compiled.FILES[name]()


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
        try:
            builder(load_yaml(name))
        except exception.ManifestError as located:
            raise located from None
        raise


def yaml_line_of(mapping, key=None):
    """The line of ``key`` in ``mapping``, or of the mapping itself.

    Like :func:`~.yamlfile.line_of`, without importing the YAML machinery
    for the compiled data, whose plain dictionaries know no lines.

    :returns: a 1-based line number, or ``None`` when it is not known
    """
    if type(mapping) is dict:
        return None
    from oslo_messaging_support.readers import yamlfile
    return yamlfile.line_of(mapping, key)


def load_yaml(name, directory=None):
    """The bundled file ``name`` parsed as YAML, line numbers kept."""
    from oslo_messaging_support.readers import yamlfile
    return yamlfile.load_file(path(name, directory))
