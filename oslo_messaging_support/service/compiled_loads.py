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
"""The loads the bundled policy gives, compiled: a first transport for free.

The policy engine (:mod:`.support`) decides transports.  For the
transport nearly every service creates (a genuine, supported driver under
the bundled manifest and calendar, with no overlay) its answer is known
when the data is compiled: ``tools/compile_data.py`` runs the engine over
the bundled files and records, for each series that lists oslo.messaging
releases, the names it loads whatever the operator's settings
(``load_index.RELEASES`` and ``LOADS``, see
:func:`.compiler.compiled_loads`); a unit test checks the record
against the engine's decisions.

:func:`loads` answers from that record, without loading the engine, and
only when every condition under which the engine would give the same
answer holds:

* the installed oslo.messaging is a release that the calendar lists for a
  series (no guessed series);
* the record loads the name at that series, and the driver can carry the
  transport's usage;
* exactly one entry point is installed under the name, and it is the
  manifest's (no impostor, see :func:`.rules.with_identity`).

The caller checks the rest: no overlay and no ``evaluation_release``
(:func:`.configuration.uses_bundled_policy`), and no DEBUG logging, whose
line gives the engine's reason.  The answer is ``True`` (load, silently)
or ``False``, which means "ask the engine": a warning, a refusal and
anything uncertain are always the engine's.
"""

import threading

from oslo_messaging_support.engine import entrypoints
from oslo_messaging_support.engine import versions
from oslo_messaging_support import exception

_lock = threading.Lock()
#: ``(the record for the installed series, its label)`` once computed.
_installed = None


def _installed_index():
    """The calendar index of the installed series, or ``None``.

    ``None`` when the installed oslo.messaging is not a release the
    calendar lists.
    """
    from oslo_messaging_support.data import load_index
    try:
        version = versions.parse_version(
            versions.installed_oslo_messaging_version())
    except (exception.CalendarError, ImportError):
        return None  # the engine says what is wrong
    releases = load_index.RELEASES
    position = versions.candidate([first for first, _, _ in releases],
                                  version)
    if position is None:
        return None
    first, last, index = releases[position]
    if not versions.listed(first, last, version):
        return None
    return index


def _record_for_installed():
    """``(the compiled loads at the installed series, its label)``.

    Both ``None`` when the record cannot be used.
    """
    from oslo_messaging_support.data import load_index
    index = _installed_index()
    if index is None:
        return None, None
    return load_index.LOADS.get(index), load_index.LABELS.get(index)


def _installed_entry():
    global _installed
    found = _installed
    if found is None:
        with _lock:
            if _installed is None:
                _installed = _record_for_installed()
            found = _installed
    return found


def installed_record():
    """The compiled loads of the installed series, read once per process.

    :returns: ``{name: (entry point, usages)}``, or ``None`` when the
        record cannot be used (see the module documentation)
    """
    return _installed_entry()[0]


def installed_label():
    """The installed series' long label (``flamingo (2025.2)``), or ``None``.

    ``None`` when the record cannot be used; the engine then says which
    series it evaluates at.
    """
    return _installed_entry()[1]


def loads(name, usage):
    """Whether the engine would load driver ``name`` for ``usage``.

    :param name: the driver name, from the transport URL
    :param usage: ``'rpc'`` or ``'notifications'``
    :returns: ``True`` when the compiled record says so and every
        condition for it holds; ``False`` means "ask the engine"
    """
    record = installed_record()
    if not record:
        return False
    known = record.get(name)
    if known is None:
        return False
    target, usages = known
    if usage not in usages:
        return False
    installed = entrypoints.TABLE.get(name)
    return len(installed) == 1 and installed[0].target == target


def clear():
    """Read the installed version and the bundled files again."""
    global _installed
    with _lock:
        _installed = None
