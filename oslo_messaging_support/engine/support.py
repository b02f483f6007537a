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

from oslo_messaging_support.engine import driver_manifest
from oslo_messaging_support.engine import entrypoints
from oslo_messaging_support.engine import messages
from oslo_messaging_support.engine import records
from oslo_messaging_support.engine import release_calendar
from oslo_messaging_support.engine import rules
from oslo_messaging_support.engine import versions


class OverlayChange(records.Record):
    """A driver whose tier an overlay changes.

    :ivar driver: the driver's name in the manifest
    :ivar bundled: its :class:`~.tiers.Tier` in the bundled manifest
        (``unsupported`` for a driver the bundle does not know)
    :ivar tier: its :class:`~.tiers.Tier` with the overlay applied
    :ivar path: the overlay file
    """

    __slots__ = ('driver', 'bundled', 'tier', 'path')

    def sentence(self):
        """``amqp goes from removed to supported by the overlay at PATH.``"""
        return messages.overlay_sentence(self.driver, self.bundled,
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
        self.manifests = manifests or driver_manifest.CACHE
        self.entry_points = entry_points or entrypoints.TABLE
        self._lock = threading.Lock()
        self._memo = {}

    @property
    def calendar(self):
        """The :class:`~oslo_messaging_support.Calendar` in use."""
        if self._calendar is None:
            self._calendar = release_calendar.bundled_calendar()
        return self._calendar

    def manifest(self, overlay=None):
        """The manifest with ``overlay`` applied (see :class:`Manifest`)."""
        return self.manifests.get(overlay, self.calendar)

    def point(self, release=None, date=None):
        """An :class:`~oslo_messaging_support.EvaluationPoint`."""
        return rules.evaluation_point(self.calendar, release, date)

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
            return rules.stricter(installed, asked)
        return rules.stricter(asked, installed)

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
        alone = driver_manifest.Manifest(
            {bundled.name: bundled} if bundled is not None else {})
        before = rules.assess(alone, self.calendar, entry.name, point)
        if after is None:
            after = rules.assess(overlaid, self.calendar, entry.name,
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
        return _default_point_for(self.calendar, rules._today())

    def _decide(self, manifest, name, point, settings, usage, overlay=None):
        decision = rules.assess(manifest, self.calendar, name, point)
        entry = manifest.lookup(name)
        if overlay and entry is not None:
            change = self._change(manifest, name, point, overlay,
                                  after=decision)
            if change is not None:
                decision = decision.replace(
                    reason='%s %s' % (decision.reason, change.sentence()),
                    overlay_change=change)
        decision = rules.with_identity(
            decision, entry.entry_point if entry else None,
            self.entry_points.get(name))
        decision = rules.with_settings(decision, settings)
        if entry is not None:
            decision = rules.with_usage(decision, usage, entry.usage)
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
    mapping = calendar.map_version(
        versions.installed_oslo_messaging_version())
    return rules.EvaluationPoint(series=mapping.series, date=today,
                                 mapping=mapping)


#: The process-wide policy.
POLICY = SupportPolicy()


def get_calendar():
    """The bundled release :class:`~oslo_messaging_support.Calendar`."""
    return POLICY.calendar


def get_manifest(overlay=None):
    """The bundled :class:`~oslo_messaging_support.Manifest`.

    :param overlay: the path of an operator overlay file to apply
    :raises ManifestError: the overlay is unreadable or invalid
    """
    return POLICY.manifest(overlay)


def evaluate(driver, release=None, date=None, overlay=None, settings=None,
             usage=None):
    """Apply the policy to one driver.

    >>> from oslo_messaging_support import evaluate
    >>> decision = evaluate('amqp', release='2024.2')
    >>> decision.tier, decision.removal_in.id
    ('deprecated', '2024.2')

    :param driver: a driver name as in a transport URL scheme (``rabbit``)
    :param release: a series name or id; default: the series of the
        installed oslo.messaging (or, with ``date``, the series under
        development on that date)
    :param date: a ``YYYY-MM-DD`` string or a :class:`datetime.date`;
        default: today
    :param overlay: the path of an operator overlay file
    :param settings: the operator's :class:`~oslo_messaging_support.Settings`
    :param usage: ``'rpc'`` or ``'notifications'`` to check the driver can
        carry it
    :returns: a :class:`~oslo_messaging_support.Decision`
    :raises CalendarError: an unknown series or a bad date
    :raises ManifestError: the overlay is unreadable or invalid
    """
    policy = POLICY
    point = None
    if release is not None or date is not None:
        point = policy.point(release, date)
    return policy.decide(driver, point, overlay, settings, usage)
