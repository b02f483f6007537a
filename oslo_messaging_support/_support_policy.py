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

from oslo_messaging_support import _bundled_loads
from oslo_messaging_support import _calendar
from oslo_messaging_support import _entrypoints
from oslo_messaging_support import _manifest
from oslo_messaging_support import _messages
from oslo_messaging_support import _policy
from oslo_messaging_support import _record
from oslo_messaging_support import _versions


class OverlayChange(_record.Record):
    """A driver whose tier an overlay changes.

    :ivar driver: the driver's name in the manifest
    :ivar bundled: its :class:`~._tiers.Tier` in the bundled manifest
        (``unsupported`` for a driver the bundle does not know)
    :ivar tier: its :class:`~._tiers.Tier` with the overlay applied
    :ivar path: the overlay file
    """

    __slots__ = ('driver', 'bundled', 'tier', 'path')

    def sentence(self):
        """``amqp goes from removed to supported by the overlay at PATH.``"""
        return _messages.overlay_sentence(self.driver, self.bundled,
                                          self.tier, self.path)


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

    def decide_in_service(self, name, point=None, overlay=None,
                          settings=None, usage=None):
        """The decision a running service acts on: never in the past.

        A service may be judged at a later series than the installed
        oslo.messaging's (a pre-upgrade check) but never open the gate for
        a driver the installed series refuses: with ``point``, the
        decisions at ``point`` and at the installed series are both taken
        and the stricter wins (on a tie, the later series').

        :param point: the evaluation point asked for, or ``None`` for the
            installed series alone
        :returns: the :class:`~oslo_messaging_support.Decision`
        :raises ManifestError: the overlay is unreadable or invalid
        """
        installed = self.decide(name, None, overlay, settings, usage)
        if point is None:
            return installed
        asked = self.decide(name, point, overlay, settings, usage)
        if asked.point.series < installed.point.series:
            return _policy.stricter(installed, asked)
        return _policy.stricter(asked, installed)

    def overlay_changes(self, overlay, point=None):
        """The drivers whose declared tier ``overlay`` changes at ``point``.

        :param overlay: an overlay file's path, or ``None`` (no change)
        :param point: an evaluation point, the default one if ``None``
        :returns: a list of :class:`OverlayChange`, in manifest order
        :raises ManifestError: the overlay is unreadable or invalid
        """
        if not overlay:
            return []
        if point is None:
            point = self._default_point()
        overlaid = self.manifest(overlay)
        changes = []
        for name in overlaid.drivers:
            change = self._change(overlaid, name, point, overlay)
            if change is not None:
                changes.append(change)
        return changes

    def _change(self, overlaid, name, point, overlay, after=None):
        """The :class:`OverlayChange` of one driver, or ``None``.

        :param after: the driver's assessment with the overlay, when the
            caller has it already
        """
        entry = overlaid.lookup(name)
        if entry is None or entry.origin == overlaid.sources[0]:
            return None
        bundled = entry.bundled(overlaid.sources[0])
        alone = _manifest.Manifest(
            {bundled.name: bundled} if bundled is not None else {})
        before = _policy.assess(alone, self.calendar, entry.name, point)
        if after is None:
            after = _policy.assess(overlaid, self.calendar, entry.name,
                                   point)
        if before.tier == after.tier:
            return None
        return OverlayChange(entry.name, before.tier, after.tier, overlay)

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
            decision = self._decide(manifest, name, point, settings, usage,
                                    overlay)
            with self._lock:
                if len(self._memo) > 4096:
                    self._memo.clear()
                self._memo[key] = decision
        return decision

    def _default_point(self):
        return _default_point_for(self.calendar, _policy._today())

    def _decide(self, manifest, name, point, settings, usage, overlay=None):
        decision = _policy.assess(manifest, self.calendar, name, point)
        entry = manifest.lookup(name)
        if overlay and entry is not None:
            change = self._change(manifest, name, point, overlay,
                                  after=decision)
            if change is not None:
                decision = decision.replace(
                    reason='%s %s' % (decision.reason, change.sentence()),
                    overlay_change=change)
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
        _bundled_loads.clear()
        self.manifests.clear()
        self.entry_points.clear()


@functools.lru_cache(maxsize=8)
def _default_point_for(calendar, today):
    """The installed oslo.messaging's series and ``today`` (memoized)."""
    mapping = calendar.map_version(
        _versions.installed_oslo_messaging_version())
    return _policy.EvaluationPoint(series=mapping.series, date=today,
                                   mapping=mapping)


#: The process-wide policy.
POLICY = SupportPolicy()
