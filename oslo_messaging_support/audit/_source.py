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
"""An oslo.messaging source tree (an sdist or a git checkout).

What the audit reads from it: the drivers it ships (its entry points), the
Python versions it declares, its unit test modules, its documentation, its
Zuul jobs and its tox environments.
"""

import configparser
import os
import re

try:
    import tomllib
except ImportError:  # pragma: no cover - Python 3.10
    import tomli as tomllib

from oslo_messaging_support.audit import _confined
from oslo_messaging_support.audit import _jobs
from oslo_messaging_support.audit import _model
from oslo_messaging_support.audit import _modules
from oslo_messaging_support.audit import _tox
from oslo_messaging_support.audit import _zuul
from oslo_messaging_support.readers import bounded

_NAMESPACE = 'oslo.messaging.drivers'

#: The deepest nesting of arrays and tables read from ``pyproject.toml``.
MAX_TOML_DEPTH = 32


def _shown(path):
    """A path as an error message quotes it (see :func:`bounded.excerpt`)."""
    return bounded.excerpt(path, bounded.PATH_CHARS)


def _field_error(path, field, expected):
    return _model.AuditError('%s %s: field %s must be %s' % (
        _model.SOURCE_FILE, _shown(path), field, expected))


def _string_list(path, field, value):
    if value is None:
        return []
    if not isinstance(value, list) or \
            not all(isinstance(item, str) for item in value):
        raise _field_error(path, field, 'a list of strings')
    return value


#: What holds brackets that do not nest in TOML: strings and comments.
_TOML_SKIP = re.compile(r'"(?:[^"\\\n]|\\.)*"|\'[^\'\n]*\'|#[^\n]*')


_PYTHON_CLASSIFIER = re.compile(
    r'^Programming Language :: Python :: (\d+\.\d+)$')


class SourceTree:
    """The facts of one source tree.

    :ivar path: the tree
    :ivar files: the :class:`~._confined.ConfinedTree` every file and
        directory of the tree is reached through
    :ivar package_dir: its ``oslo_messaging`` package
    :ivar name: ``oslo.messaging 18.3.1`` where PKG-INFO says, else the
        directory name
    :ivar entry_points: ``{driver: 'module:Class'}`` it ships
    :ivar metadata_file: the file the entry points and classifiers came
        from
    :ivar pythons: Python versions of its classifiers
    :ivar requires_python: its ``requires-python``, or ``None``
    :ivar test_dir: the unit tests directory (``.stestr.conf``
        ``test_path``)
    :ivar zuul: a :class:`~._zuul.ZuulConfig`, or ``None``
    :ivar tox: a :class:`~._tox.ToxConfig`, or ``None``
    :ivar uses: the :class:`~._jobs.JobUse` objects
    :ivar modules: ``{driver: [module paths]}``
    """

    def __init__(self, path):
        if not path or not os.path.isdir(path):
            raise _model.AuditError(
                '--source %s: not a directory (--source needs an unpacked '
                'oslo.messaging source tree)' % _shown(path or "''"))
        self.path = path
        self.files = _confined.ConfinedTree(path)
        self.package_dir = os.path.join(path, 'oslo_messaging')
        if not os.path.isdir(self.package_dir):
            raise _model.AuditError(
                '--source %s: not an oslo.messaging source tree (no '
                'oslo_messaging package directory)' % _shown(path))
        self.files.inside(self.package_dir)
        self.name = self._read_name()
        self.entry_points = {}
        self.pythons = ()
        self.requires_python = None
        self.metadata_file = None
        self._read_metadata()
        self.test_dir = self._read_test_dir()
        self._found = {}
        paths = _zuul.config_paths(path, self.files)
        self.zuul = _zuul.read_zuul(paths) if paths else None
        tox_path = os.path.join(path, 'tox.ini')
        self.tox = _tox.read_tox(tox_path, self.files) \
            if os.path.lexists(tox_path) else None
        self.uses = _jobs.job_uses(self.zuul, self.tox) if self.zuul \
            else []
        self.modules = _modules.driver_modules(self.package_dir,
                                               self.entry_points, self.files)

    def series(self, calendar):
        """The label of the series the tree's version belongs to, or None."""
        version = self.name.rsplit(' ', 1)[-1]
        try:
            return calendar.for_version(version).label
        except Exception:
            return None

    def relative(self, path):
        """``path`` relative to the tree, in posix form."""
        return os.path.relpath(path, self.path).replace(os.sep, '/')

    def _read_name(self):
        text = self.files.read(os.path.join(self.path, 'PKG-INFO')) or ''
        fields = {}
        for line in text.splitlines():
            if not line.strip():
                break
            key, _, value = line.partition(':')
            fields.setdefault(key.strip(), value.strip())
        if fields.get('Name') and fields.get('Version'):
            return '%s %s' % (fields['Name'], fields['Version'])
        return os.path.basename(os.path.abspath(self.path))

    def _read_pyproject(self, path, text):
        if bounded.bracket_depth(text, _TOML_SKIP) > MAX_TOML_DEPTH:
            raise _model.AuditError(
                '%s %s: arrays or tables nested deeper than %d levels'
                % (_model.SOURCE_FILE, _shown(path), MAX_TOML_DEPTH))
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise _model.AuditError('%s %s: not valid TOML: %s' % (
                _model.SOURCE_FILE, _shown(path), exc)) from None
        project = data.get('project')
        if project is None:
            return
        if not isinstance(project, dict):
            raise _field_error(path, 'project', 'a table')
        groups = project.get('entry-points') or {}
        if not isinstance(groups, dict):
            raise _field_error(path, 'project.entry-points', 'a table')
        points = groups.get(_NAMESPACE)
        if points is not None and (
                not isinstance(points, dict) or
                not all(isinstance(value, str)
                        for value in points.values())):
            raise _field_error(
                path, "project.entry-points.'%s'" % _NAMESPACE,
                'a table of driver names to "module:Class" strings')
        if points:
            self.entry_points = dict(points)
            self.metadata_file = 'pyproject.toml'
        self.pythons = self._pythons(_string_list(
            path, 'project.classifiers', project.get('classifiers')))
        requires = project.get('requires-python')
        if requires is not None and not isinstance(requires, str):
            raise _field_error(path, 'project.requires-python', 'a string')
        self.requires_python = requires

    def _read_metadata(self):
        pyproject = os.path.join(self.path, 'pyproject.toml')
        text = self.files.read(pyproject)
        if text is not None:
            self._read_pyproject(pyproject, text)
        if self.entry_points and self.pythons:
            return
        setup_cfg = os.path.join(self.path, 'setup.cfg')
        text = self.files.read(setup_cfg)
        if text is None:
            return
        parser = configparser.ConfigParser(interpolation=None, strict=False)
        try:
            parser.read_string(text, source=setup_cfg)
        except configparser.Error as exc:
            raise _model.AuditError('%s %s: cannot read: %s' % (
                _model.SOURCE_FILE, _shown(setup_cfg),
                bounded.excerpt(str(exc).splitlines()[0],
                                bounded.PATH_CHARS))) from None
        if not self.entry_points:
            for line in parser.get('entry_points', _NAMESPACE,
                                   fallback='').splitlines():
                if '=' in line:
                    key, value = line.split('=', 1)
                    self.entry_points[key.strip()] = value.strip()
            if self.entry_points:
                self.metadata_file = 'setup.cfg'
        if not self.pythons:
            self.pythons = self._pythons(parser.get(
                'metadata', 'classifier', fallback='').splitlines())
        if self.requires_python is None:
            self.requires_python = parser.get('metadata', 'python_requires',
                                              fallback=None)

    @staticmethod
    def _pythons(classifiers):
        found = []
        for item in classifiers:
            match = _PYTHON_CLASSIFIER.match(str(item).strip())
            if match:
                found.append(match.group(1))
        return tuple(found)

    def _read_test_dir(self):
        conf = os.path.join(self.path, '.stestr.conf')
        parser = configparser.ConfigParser(interpolation=None)
        try:
            parser.read_string(self.files.read(conf) or '', source=conf)
        except configparser.Error:
            pass
        test_path = parser.get('DEFAULT', 'test_path',
                               fallback='./oslo_messaging/tests')
        return os.path.normpath(os.path.join(self.path, test_path))

    def _files_under(self, top):
        """``{file name: [paths]}`` under ``top``, walked once.

        :raises InputFileError: ``top`` leads outside the tree, or the
            tree holds too many entries (see :mod:`._confined`)
        """
        if top not in self._found:
            found = {}
            for root, files in self.files.walk(top):
                for name in files:
                    found.setdefault(name, []).append(
                        os.path.join(root, name))
            self._found[top] = found
        return self._found[top]

    def test_modules(self, driver):
        """The unit test modules named after a driver's module.

        ``impl_rabbit`` is tested by ``test_impl_rabbit.py``.
        """
        target = self.entry_points.get(driver)
        if not target:
            return []
        module = target.split(':', 1)[0].rsplit('.', 1)[-1]
        wanted = 'test_%s.py' % module
        return sorted(self.relative(path) for path in
                      self._files_under(self.test_dir).get(wanted, ()))

    def documents(self, driver):
        """``(path, experimental)`` of the docs named after a driver."""
        found = []
        docs = os.path.join(self.path, 'doc', 'source')
        for path in self._files_under(docs).get('%s.rst' % driver, ()):
            text = self.files.read(path) or ''
            found.append((self.relative(path),
                          'experimental' in text.lower()))
        return sorted(found)

    def uses_of(self, driver, aliases=()):
        """The :class:`~._jobs.JobUse` objects of a driver or its aliases."""
        names = (driver,) + tuple(aliases)
        return [use for use in self.uses if use.driver in names]
