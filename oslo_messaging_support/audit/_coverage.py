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
"""Read a coverage report and turn it into each driver's coverage.

Two formats are read: Cobertura XML (``coverage xml``) and coverage's JSON
(``coverage json``).  A driver's coverage is the share of statements
covered over the modules that implement it (see :mod:`._modules`).
"""

import dataclasses
import json
import os
import re
import xml.etree.ElementTree as ElementTree

from oslo_messaging_support.audit import _model
from oslo_messaging_support.readers import bounded

#: The policy's threshold, in percent.
THRESHOLD = 60.0

#: The deepest nesting of a coverage JSON report read (coverage's own is 4
#: levels deep).
MAX_JSON_DEPTH = 32

#: What holds brackets that do not nest in JSON: its strings.
_JSON_STRING = re.compile(r'"(?:[^"\\]|\\.)*"')


@dataclasses.dataclass(frozen=True)
class FileCoverage:
    """Statements of one file: ``covered`` of ``statements``."""

    path: str
    statements: int
    covered: int


@dataclasses.dataclass(frozen=True)
class CoverageReport:
    """A coverage report: ``{posix path: FileCoverage}`` and its format."""

    path: str
    format: str
    files: dict

    def find(self, relative):
        """The :class:`FileCoverage` whose path ends with ``relative``.

        :param relative: a posix path inside the package
            (``_drivers/impl_rabbit.py``); matched on whole components
        """
        suffix = relative.strip('/')
        for path, item in self.files.items():
            if path == suffix or path.endswith('/' + suffix):
                return item
        return None


@dataclasses.dataclass(frozen=True)
class DriverCoverage:
    """A driver's coverage over its modules.

    :ivar percent: covered statements over statements, in percent, or
        ``None`` when no module of the driver is in the report
    :ivar modules: ``(relative path, FileCoverage or None)`` pairs
    """

    percent: object
    statements: int
    covered: int
    modules: tuple


def _fail(path, problem):
    raise _model.AuditError('--coverage %s: %s' % (
        bounded.excerpt(path, bounded.PATH_CHARS), bounded.escape(problem)))


def _reject_constant(name):
    raise ValueError('%s is not a number a coverage report holds' % name)


def _count(value):
    """A statement count: a non-negative integer, else ``None``."""
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        return None
    return value


def _norm(path):
    return path.replace(os.sep, '/').replace('\\', '/')


def _from_cobertura(path, root):
    files = {}
    for node in root.iter('class'):
        name = node.get('filename')
        if not name:
            _fail(path, 'a Cobertura <class> without a filename')
        lines = node.find('lines')
        statements = covered = 0
        for line in (lines if lines is not None else ()):
            statements += 1
            try:
                hits = int(line.get('hits', '0'))
            except ValueError:
                hits = None
            if hits is None or hits < 0:
                _fail(path, "line %s of %s: 'hits' must be a whole number "
                      "of at least 0, not %s"
                      % (bounded.excerpt(line.get('number')),
                         bounded.excerpt(name, bounded.PATH_CHARS),
                         bounded.excerpt(line.get('hits'))))
            if hits > 0:
                covered += 1
        previous = files.get(_norm(name))
        if previous is not None:
            statements += previous.statements
            covered += previous.covered
        files[_norm(name)] = FileCoverage(_norm(name), statements, covered)
    return files


def _from_json(path, data):
    files = {}
    for name, item in data['files'].items():
        summary = item.get('summary') if isinstance(item, dict) else None
        if not isinstance(summary, dict) or \
                'num_statements' not in summary or \
                'covered_lines' not in summary:
            _fail(path, "file %s: no summary with num_statements and "
                  "covered_lines (is it coverage's JSON report?)"
                  % bounded.excerpt(name, bounded.PATH_CHARS))
        statements = _count(summary['num_statements'])
        covered = _count(summary['covered_lines'])
        shown = bounded.excerpt(name, bounded.PATH_CHARS)
        for field, value in (('num_statements', statements),
                             ('covered_lines', covered)):
            if value is None:
                _fail(path, "file %s: field 'summary.%s' must be a "
                      "whole number of at least 0, not %s"
                      % (shown, field, bounded.excerpt(summary[field])))
        if covered > statements:
            _fail(path, "file %s: 'summary.covered_lines' (%d) is more "
                  "than 'summary.num_statements' (%d): not a coverage "
                  "report's figures" % (shown, covered, statements))
        files[_norm(name)] = FileCoverage(_norm(name), statements, covered)
    return files


def read_report(path):
    """Read a Cobertura XML or coverage JSON report.

    :returns: a :class:`CoverageReport`
    :raises AuditError: unreadable, or neither format
    """
    raw = bounded.read_bytes(path, what='--coverage')
    text = raw.lstrip()
    if text.startswith(b'<'):
        try:
            root = ElementTree.fromstring(raw)
        except ElementTree.ParseError as exc:
            _fail(path, 'not well-formed XML (line %d): not a Cobertura '
                  'report' % exc.position[0])
        if root.tag != 'coverage' or root.find('packages') is None:
            _fail(path, "XML whose root is <%s>, not Cobertura's "
                  "<coverage> with <packages> (make it with 'coverage "
                  "xml')" % bounded.excerpt(root.tag))
        return CoverageReport(path, 'cobertura', _from_cobertura(path, root))
    try:
        decoded = raw.decode('utf-8')
    except UnicodeDecodeError:
        _fail(path, "neither Cobertura XML nor coverage JSON (make it "
              "with 'coverage xml' or 'coverage json')")
    if bounded.bracket_depth(decoded, _JSON_STRING) > MAX_JSON_DEPTH:
        _fail(path, 'JSON nested deeper than %d levels: not a coverage '
              'JSON report' % MAX_JSON_DEPTH)
    try:
        data = json.loads(decoded, parse_constant=_reject_constant)
    except ValueError as exc:
        problem = str(exc) if 'not a number' in str(exc) else (
            "neither Cobertura XML nor coverage JSON (make it with "
            "'coverage xml' or 'coverage json')")
        _fail(path, problem)
    if not isinstance(data, dict) or not isinstance(data.get('files'),
                                                    dict) or \
            not isinstance(data.get('meta'), dict):
        _fail(path, "JSON without coverage's 'meta' and 'files' keys: not "
              "a coverage JSON report (make it with 'coverage json')")
    return CoverageReport(path, 'json', _from_json(path, data))


def driver_coverage(report, modules):
    """The coverage of one driver.

    :param report: a :class:`CoverageReport`
    :param modules: paths relative to the package root
        (``_drivers/impl_rabbit.py``)
    :returns: a :class:`DriverCoverage`
    """
    pairs = []
    statements = covered = 0
    for module in modules:
        item = report.find(module)
        pairs.append((module, item))
        if item is not None:
            statements += item.statements
            covered += item.covered
    found = any(item is not None for _, item in pairs)
    percent = (100.0 * covered / statements if statements else
               (100.0 if found else None))
    return DriverCoverage(percent=percent, statements=statements,
                          covered=covered, modules=tuple(pairs))
