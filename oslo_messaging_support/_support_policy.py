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
"""The SupportPolicy: one entry point for every consumer of the policy.

:class:`SupportPolicy` ties the calendar, the manifest (with an operator's
overlay), the installed entry points and the operator's settings together,
so that the loaders, the CLI and the upgrade check decide the same way.
"""

import functools
import threading

from oslo_messaging_support import _calendar
from oslo_messaging_support import _entrypoints
from oslo_messaging_support import _manifest
from oslo_messaging_support import _policy


class SupportPolicy:
    """Decide on drivers.  Every input is read once and cached.

    :param calendar: a :class:`~oslo_messaging_support.Calendar`, the
        bundled one by default
    :param manifests: a manifest cache, the process-wide one by default
    :param entry_points: an entry point table, the process-wide one by
        default
    """

    def __init__(self, calendar=None, manifests=None, entry_points=None):
        self._given_calendar = calendar
        self._calendar = calendar
        self.manifests = manifests or _manifest.CACHE
        self.entry_points = entry_points or _entrypoints.TABLE
        self._lock = threading.Lock()
        self._memo = {}

    @property
    def calendar(self):
        """The :class:`~oslo_messaging_support.Calendar` in use."""
        if self._calendar is None:
            self._calendar = _calendar.bundled_calendar()
        return self._calendar

    def manifest(self, overlay=None):
        """The manifest with ``overlay`` applied (see :class:`Manifest`)."""
        return self.manifests.get(overlay, self.calendar)

    def point(self, release=None, date=None):
        """An :class:`~oslo_messaging_support.EvaluationPoint`."""
        return _policy.evaluation_point(self.calendar, release, date)

    def decide(self, name, point=None, overlay=None, settings=None,
               usage=None):
        """The :class:`~oslo_messaging_support.Decision` for a driver.

        :param name: the driver name from the transport URL scheme, cut at
            the first ``+`` as oslo.messaging does
        :param point: an evaluation point, the default one if ``None``
        :param overlay: an overlay file's path, or ``None``
        :param settings: the operator's
            :class:`~oslo_messaging_support.Settings`, or ``None``
        :param usage: ``'rpc'``, ``'notifications'`` or ``None``
        :raises ManifestError: the overlay is unreadable or invalid
        """
        manifest = self.manifest(overlay)
        if point is None:
            point = self._default_point()
        # The manifest itself, not its id: the key keeps it alive, so a
        # reloaded overlay can never inherit an old decision by id reuse.
        key = (name, point, manifest, settings, usage)
        decision = self._memo.get(key)
        if decision is None:
            decision = self._decide(manifest, name, point, settings, usage)
            with self._lock:
                if len(self._memo) > 4096:
                    self._memo.clear()
                self._memo[key] = decision
        return decision

    def _default_point(self):
        return _default_point_for(self.calendar, _policy._today())

    def _decide(self, manifest, name, point, settings, usage):
        decision = _policy.assess(manifest, self.calendar, name, point)
        entry = manifest.lookup(name)
        decision = _policy.with_identity(
            decision, entry.entry_point if entry else None,
            self.entry_points.get(name))
        decision = _policy.with_settings(decision, settings)
        if entry is not None:
            decision = _policy.with_usage(decision, usage, entry.usage)
        return decision

    def clear(self):
        """Forget every cached input and decision."""
        with self._lock:
            self._memo.clear()
            self._calendar = self._given_calendar
        _default_point_for.cache_clear()
        self.manifests.clear()
        self.entry_points.clear()


@functools.lru_cache(maxsize=8)
def _default_point_for(calendar, today):
    """The installed oslo.messaging's series and ``today`` (memoized)."""
    series = calendar.for_version(_policy.installed_oslo_messaging_version())
    return _policy.EvaluationPoint(series=series, date=today)


#: The process-wide policy.
POLICY = SupportPolicy()
