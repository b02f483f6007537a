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
"""Errors and warnings raised by oslo.messaging-support.

The tree is small on purpose::

    SupportPolicyError (ValueError)
        ManifestError        a manifest or overlay file is invalid
        InputFileError       an input file cannot be read safely
        CalendarError        an unknown series, a bad date or version
    UnsupportedDriver (oslo_messaging.DriverLoadFailure)

    DriverSupportWarning (DeprecationWarning)
        DeprecatedDriverWarning
        ProspectiveDriverWarning
        UnsupportedDriverAllowedWarning

``UnsupportedDriver`` subclasses oslo.messaging's ``DriverLoadFailure``; it
is defined in :mod:`oslo_messaging_support.service.unsupported` and
imported from there on first use, so that the modules which only read the
policy's data (and import this one for its errors) do not import
oslo.messaging.
"""


def __getattr__(name):
    if name == 'UnsupportedDriver':
        from oslo_messaging_support.service import unsupported
        value = unsupported.UnsupportedDriver
        globals()[name] = value
        return value
    raise AttributeError('module %r has no attribute %r' % (__name__, name))


def __dir__():
    return sorted(set(globals()) | {'UnsupportedDriver'})


class SupportPolicyError(ValueError):
    """Base class of the errors in the policy's input data."""


class CalendarError(SupportPolicyError):
    """An unknown release series, a date or version that does not parse."""


class ManifestError(SupportPolicyError):
    """A manifest or overlay file breaks the schema.

    The message names the file, the line where known, the driver and the
    field, for example::

        /etc/nova/overlay.yaml:7: driver 'kafka', field
        'lifecycle[0].status': 'retired' is not a status (expected one of
        supported, prospective, deprecated, unsupported, removed)

    :ivar path: the file, or ``None`` for data that came from no file
    :ivar line: the 1-based line number, or ``None`` where unknown
    :ivar driver: the driver name, or ``None`` for a file-level problem
    :ivar field: the dotted field path, or ``None``
    :ivar problem: what is wrong, in one sentence
    """

    def __init__(self, problem, path=None, line=None, driver=None,
                 field=None):
        self.problem = problem
        self.path = path
        self.line = line
        self.driver = driver
        self.field = field
        super().__init__(self._format())

    def _format(self):
        from oslo_messaging_support.readers import bounded
        where = (bounded.excerpt(self.path, bounded.PATH_CHARS) if self.path
                 else '<manifest>')
        if self.line:
            where += ':%d' % self.line
        parts = []
        if self.driver is not None:
            parts.append("driver '%s'" % bounded.excerpt(self.driver))
        if self.field is not None:
            parts.append("field '%s'" % bounded.excerpt(self.field))
        location = ', '.join(parts)
        problem = bounded.escape(self.problem)
        if location:
            return '%s: %s: %s' % (where, bounded.escape(location), problem)
        return '%s: %s' % (where, problem)


class InputFileError(SupportPolicyError):
    """An input file that cannot be read safely.

    It is missing, not a regular file, too large or not UTF-8 text.

    :ivar what: what the file is for (``'overlay'``, ``'configuration
        file'``)
    :ivar path: the file's path
    :ivar line: the 1-based line, where known
    :ivar problem: what is wrong, in a few words
    """

    def __init__(self, what, path, problem, line=None):
        self.what = what
        self.path = path
        self.line = line
        self.problem = problem
        from oslo_messaging_support.readers import bounded
        where = bounded.excerpt(path, bounded.PATH_CHARS)
        if line:
            where += ':%d' % line
        super().__init__('%s %s: %s' % (what, where, problem))


class DriverSupportWarning(DeprecationWarning):
    """Base class of the warnings about a driver's support tier."""


class DeprecatedDriverWarning(DriverSupportWarning):
    """The driver is deprecated and will be removed."""


class ProspectiveDriverWarning(DriverSupportWarning):
    """The driver is prospective: not supported by the community yet."""


class UnsupportedDriverAllowedWarning(DriverSupportWarning):
    """An unsupported driver loads because the operator allowed it."""
