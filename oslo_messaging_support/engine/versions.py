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
"""oslo.messaging versions: the installed one, and how to read one.

The rule that maps a version to a release series lives in
:mod:`.release_calendar`; the two steps of it that the compiled loads
(:mod:`.compiled_loads`) share are here, so that both apply the same rule.
:func:`evaluate_as` is the seam through which a test suite evaluates as
another release.
"""

import importlib.metadata
import re

from oslo_messaging_support import exception

# Compiled on first use (by re's cache): the usual MAJOR.MINOR.PATCH
# needs no pattern.
_VERSION_PATTERN = r'^\s*v?(\d+)\.(\d+)(?:\.(\d+))?'

#: The most digits of one part of a version read.
MAX_PART_DIGITS = 12


#: The version :func:`evaluate_as` set, or ``None``.
_evaluated_as = None


def evaluate_as(version):
    """Evaluate as if oslo.messaging ``version`` were installed.

    A seam for test suites (see :mod:`oslo_messaging_support.fixture`,
    which undoes it); the caller also clears the caches that remember the
    installed series.

    :param version: a version string, or ``None`` to read the installed
        one again
    :returns: the previous value, to undo with
    """
    global _evaluated_as
    previous, _evaluated_as = _evaluated_as, version
    return previous


def installed_oslo_messaging_version():
    """The installed oslo.messaging version string.

    Read from the ``Version:`` header of its metadata, which costs half of
    :func:`importlib.metadata.version`: that one parses the whole file,
    long description included, on every service start.  A version set by
    :func:`evaluate_as` stands in for it.
    """
    if _evaluated_as is not None:
        return _evaluated_as
    dist = importlib.metadata.distribution('oslo.messaging')
    text = dist.read_text('METADATA') or dist.read_text('PKG-INFO') or ''
    for line in text.splitlines():
        if not line:
            break  # the end of the headers
        if line.startswith('Version:'):
            return line[len('Version:'):].strip()
    return dist.version


def parse_version(text):
    """Parse an oslo.messaging version into ``(major, minor, patch)``.

    :raises CalendarError: the text is not a version
    """
    text = str(text)
    parts = text.split('.')
    if len(parts) == 3 and all(part.isascii() and part.isdigit() and
                               len(part) <= MAX_PART_DIGITS
                               for part in parts):
        # MAJOR.MINOR.PATCH, the usual shape, read without the pattern
        return (int(parts[0]), int(parts[1]), int(parts[2]))
    match = re.match(_VERSION_PATTERN, text)
    if not match or any(len(part or '') > MAX_PART_DIGITS
                        for part in match.groups()):
        from oslo_messaging_support.readers import bounded
        raise exception.CalendarError(
            "'%s' is not a version (expected MAJOR.MINOR[.PATCH], each "
            "part at most %d digits)" % (bounded.excerpt(text),
                                         MAX_PART_DIGITS))
    return tuple(int(part or 0) for part in match.groups())


def candidate(firsts, version):
    """The position of the series a version is compared with.

    :param firsts: the first release of each series that has releases,
        oldest first, as ``(major, minor, patch)`` tuples
    :param version: a ``(major, minor, patch)`` tuple
    :returns: the position of the series with the greatest first release
        at or below ``version`` on ``major.minor``, or ``None`` when the
        version predates them all
    """
    found = None
    for position, first in enumerate(firsts):
        if first[:2] <= version[:2]:
            found = position
    return found


def listed(first, last, version):
    """Whether ``version`` is within a series' listed releases."""
    return first <= version <= last
