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
"""The policy's timeline: what happens to each driver in each series.

Everything here is keyed on release series, never on the wall clock, and
derived by the policy engine itself (:func:`_policy.assess`), so that the
timeline, the gate check and the loaders cannot disagree.

Events of a driver, in series order:

* every lifecycle event the manifest declares (``supported``,
  ``prospective``, ``deprecated``, ``unsupported``, ``removed``);
* ``deadline``: the series whose cycle holds a prospective driver's
  deadline, while it is still prospective there;
* ``deprecated (deadline passed)``: the series from which a prospective
  driver counts as deprecated because its deadline passed without a
  decision;
* ``removal due``: the series from which a deprecated driver may be
  removed (two series after its deprecation), while it is not removed.
"""

import dataclasses
import datetime

from oslo_messaging_support import _policy

DEADLINE = 'deadline'
DERIVED_DEPRECATION = 'deprecated (deadline passed)'
REMOVAL_DUE = 'removal due'

# Series to look at past a driver's last declared event: a derived
# deprecation comes at most three series after a prospective event, and
# the removal two series after that.
_HORIZON = 6


@dataclasses.dataclass(frozen=True)
class Event:
    """One entry of the timeline.

    :ivar series: the :class:`~oslo_messaging_support.Series`
    :ivar driver: the driver's name in the manifest
    :ivar kind: a lifecycle status, or :data:`DEADLINE`,
        :data:`DERIVED_DEPRECATION` or :data:`REMOVAL_DUE`
    :ivar detail: one sentence
    :ivar day: the event's date where one is known (a prospective date or
        deadline), else ``None``
    """

    series: object
    driver: str
    kind: str
    detail: str
    day: object = None


@dataclasses.dataclass(frozen=True)
class Problem:
    """Why the gate check fails for one driver.

    :ivar driver: the driver's name
    :ivar series: the series the check ran at
    :ivar message: one sentence that says exactly what is wrong and what
        would fix it
    """

    driver: str
    series: object
    message: str


def _point(series):
    return _policy.EvaluationPoint(series=series,
                                   date=series.release_date)


def _declared_detail(entry, event, decision, calendar):
    name = entry.name
    if event.status == 'prospective':
        deadline = _policy.prospective_deadline(calendar, event.date)
        derived = calendar.under_development(
            deadline + datetime.timedelta(days=1))
        return ('%s is declared prospective since %s; it must meet the '
                'policy by %s or count as deprecated from %s.'
                % (name, event.date.isoformat(), deadline.isoformat(),
                   derived.long_label))
    if event.status == 'deprecated' and decision.removal_in is not None:
        return ('%s is declared deprecated; it may be removed from %s.'
                % (name, decision.removal_in.long_label))
    if event.status == 'removed':
        return '%s is removed from oslo.messaging.' % name
    return '%s is declared %s.' % (name, event.status)


def _removed_in(entry):
    for event in entry.lifecycle:
        if event.status == 'removed':
            return event.series
    return None


def driver_events(manifest, calendar, entry):
    """The timeline of one driver.

    :param manifest: the :class:`~oslo_messaging_support.Manifest`
    :param calendar: the :class:`~oslo_messaging_support.Calendar`
    :param entry: the driver's
        :class:`~oslo_messaging_support.DriverEntry`
    :returns: a list of :class:`Event`, oldest first
    """
    first = entry.lifecycle[0].series
    last = entry.lifecycle[-1].series
    decisions = {}
    for index in range(first.index, last.index + _HORIZON + 1):
        series = calendar.at(index)
        decisions[index] = _policy.assess(manifest, calendar, entry.name,
                                          _point(series))
    events = []
    declared_at = {}
    for event in entry.lifecycle:
        declared_at.setdefault(event.series.index, []).append(event.status)
        detail = _declared_detail(entry, event,
                                  decisions[event.series.index], calendar)
        events.append(Event(series=event.series, driver=entry.name,
                            kind=event.status, detail=detail,
                            day=event.date))
    removed_in = _removed_in(entry)
    for index in sorted(decisions):
        decision = decisions[index]
        series = decision.point.series
        if decision.tier == 'prospective' and decision.deadline and \
                calendar.under_development(decision.deadline) == series:
            events.append(Event(
                series=series, driver=entry.name, kind=DEADLINE,
                day=decision.deadline,
                detail='%s\'s prospective deadline %s falls in this cycle: '
                       'it must meet the policy by then or count as '
                       'deprecated from the next series.'
                       % (entry.name, decision.deadline.isoformat())))
        if decision.tier == 'deprecated' and \
                decision.deprecated_in == series and \
                'deprecated' not in declared_at.get(index, ()):
            events.append(Event(
                series=series, driver=entry.name, kind=DERIVED_DEPRECATION,
                day=decision.deadline,
                detail='%s\'s prospective deadline %s passed without a '
                       'decision: it counts as deprecated from %s and may '
                       'be removed from %s.'
                       % (entry.name, decision.deadline.isoformat(),
                          series.long_label,
                          decision.removal_in.long_label)))
        if decision.tier == 'deprecated' and decision.removal_in == series:
            if removed_in is not None:
                outcome = 'removed in %s' % removed_in.long_label
            else:
                outcome = ('the manifest records no removal, so it is '
                           'overdue from the next series')
            events.append(Event(
                series=series, driver=entry.name, kind=REMOVAL_DUE,
                detail='%s may be removed from %s on, two series after '
                       'its deprecation in %s; %s.'
                       % (entry.name, series.long_label,
                          decision.deprecated_in.long_label, outcome)))
    return sorted(events, key=lambda item: (item.series.index,
                                            _KIND_ORDER.get(item.kind, 0)))


_KIND_ORDER = {DEADLINE: 1, DERIVED_DEPRECATION: 2, REMOVAL_DUE: 3,
               'removed': 4}


def timeline(manifest, calendar, drivers=None):
    """The timeline of every driver of the manifest.

    :param manifest: the :class:`~oslo_messaging_support.Manifest`
    :param calendar: the :class:`~oslo_messaging_support.Calendar`
    :param drivers: names (or aliases) to limit the timeline to, or
        ``None`` for all
    :returns: a list of :class:`Event`, by series, then in the manifest's
        order of drivers
    """
    wanted = None
    if drivers:
        wanted = {manifest.canonical_name(name) or name for name in drivers}
    events = []
    order = {}
    for position, entry in enumerate(manifest.drivers.values()):
        if wanted is not None and entry.name not in wanted:
            continue
        order[entry.name] = position
        events.extend(driver_events(manifest, calendar, entry))
    return sorted(events, key=lambda item: (item.series.index,
                                            order[item.driver]))


def gate_check(manifest, calendar, series):
    """What the manifest must still record at ``series``.

    Fails for a driver whose removal is due at or before ``series`` that
    has no ``removed`` event at or before it (so oslo.messaging would still
    ship its entry point), and for a prospective driver whose deadline
    passed before ``series`` without a later lifecycle event (a
    decision).

    :param manifest: the :class:`~oslo_messaging_support.Manifest`
    :param calendar: the :class:`~oslo_messaging_support.Calendar`
    :param series: the :class:`~oslo_messaging_support.Series` to check at
    :returns: a list of :class:`Problem`, empty when the check passes
    """
    problems = []
    point = _point(series)
    for entry in manifest.drivers.values():
        if entry.lifecycle[0].series > series:
            continue
        decision = _policy.assess(manifest, calendar, entry.name, point)
        if decision.tier != 'deprecated':
            continue
        declared = [event for event in entry.lifecycle
                    if event.series <= series][-1]
        if declared.status == 'prospective':
            deadline_series = calendar.under_development(decision.deadline)
            problems.append(Problem(
                driver=entry.name, series=series,
                message='%s is prospective since %s; its deadline %s (in '
                        '%s) passed without a decision: the manifest has no'
                        ' supported, deprecated, unsupported or removed '
                        'event for it after that and at or before %s.'
                        % (entry.name, declared.date.isoformat(),
                           decision.deadline.isoformat(),
                           deadline_series.long_label, series.long_label)))
        if decision.removal_in <= series:
            problems.append(Problem(
                driver=entry.name, series=series,
                message='%s is deprecated since %s and its removal is due'
                        ' in %s, but the manifest has no removed event at or '
                        'before %s, so oslo.messaging still ships its '
                        'entry point (%s).'
                        % (entry.name, decision.deprecated_in.long_label,
                           decision.removal_in.long_label,
                           series.long_label, entry.entry_point)))
    return problems
