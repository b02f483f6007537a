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
"""Tell the operator about a driver that loads with a warning.

Two channels, because each reaches a different reader: a debtcollector
deprecation warning (a :class:`DeprecationWarning` subclass, so test suites
and ``python -W error`` catch it) and a WARNING line through oslo.log,
which reaches the service's log file whatever the warning filters say.
Each driver is reported once per process; the warning filters of the
process are never changed.
"""

import sys
import threading

import debtcollector
from oslo_log import log as logging

from oslo_messaging_support import _messages
from oslo_messaging_support import exception

LOG = logging.getLogger('oslo_messaging_support')

_CATEGORIES = {
    'deprecated': exception.DeprecatedDriverWarning,
    'prospective': exception.ProspectiveDriverWarning,
    'unsupported': exception.UnsupportedDriverAllowedWarning,
}

# Frames of these packages are skipped when the warning looks for the
# caller's line: it points at the service code that created the transport.
_INTERNAL_PREFIXES = ('oslo_messaging_support', 'oslo_messaging',
                      'debtcollector')

_lock = threading.Lock()
_reported = set()


def describe(decision):
    """The prefix, versions and message of the warning for a decision.

    The whole sentence comes from :func:`._messages.warning_text`, with no
    version: debtcollector would add "and will be removed in version ..."
    in the future tense, whatever the series.

    :returns: ``(prefix, version, removal_version, message)`` in
        debtcollector's terms
    """
    return _messages.warning_text(decision), None, None, None


def warning_text(decision):
    """The full sentence of the warning and the log line."""
    return _messages.warning_text(decision)


def _caller_stacklevel():
    """debtcollector's stacklevel that points at the first outside frame."""
    frame = sys._getframe(2)
    depth = 1
    while frame is not None:
        module = frame.f_globals.get('__name__', '')
        if not module.startswith(_INTERNAL_PREFIXES):
            break
        frame = frame.f_back
        depth += 1
    # debtcollector warns from its _utils.deprecation(): 1 is that frame,
    # 2 is deprecate(), 3 is report(), 4 is report()'s caller (depth 1).
    return 3 + depth


def report(decision):
    """Warn and log about ``decision`` once per driver per process.

    :param decision: a :class:`~oslo_messaging_support.Decision` whose
        action is ``warn``
    :returns: ``True`` if this call reported it, ``False`` if it had been
    """
    key = (decision.driver, decision.tier)
    with _lock:
        if key in _reported:
            return False
        _reported.add(key)
    prefix, version, removal, message = describe(decision)
    LOG.warning('%s', warning_text(decision))
    debtcollector.deprecate(prefix, message=message, version=version,
                            removal_version=removal,
                            stacklevel=_caller_stacklevel(),
                            category=_CATEGORIES.get(
                                decision.tier,
                                exception.DriverSupportWarning))
    return True


def reset():
    """Forget which drivers were reported (for tests)."""
    with _lock:
        _reported.clear()
