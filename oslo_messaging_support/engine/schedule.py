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

Everything here is keyed on release series, never on the wall clock (only
the series a decision is due in follows the evaluation point's date, see
:func:`decision_due`), and derived by the policy engine itself
(:func:`.rules.assess` and :func:`.rules.prospective_terms`), so that the
timeline, the gate check and the loaders cannot disagree.

Events of a driver, in series order:

* every lifecycle event the manifest declares (``supported``, ``testing``,
  ``prospective``, ``deprecated``, ``unsupported``, ``removed``);
* ``deadline``: the series whose cycle holds a prospective driver's
  compliance deadline, while it is still prospective there;
* ``deprecation due``: the series from which the policy requires a
  prospective driver that missed its deadline to be marked deprecated,
  while it is still prospective there (its compliance becomes
  ``overdue``);
* ``removal allowed``: the series from which the policy allows a deprecated
  driver's removal (two series after its declared deprecation), while it
  is still deprecated there (its compliance becomes ``removable``);
* ``removal declared``: the series for which upstream announced the
  removal with the deprecation, where it announced one: a row of its own,
  beside ``removal allowed``, never in its place.
"""

import dataclasses

from oslo_messaging_support.engine import messages
from oslo_messaging_support.engine import rules
from oslo_messaging_support.engine import tiers

Tier = tiers.Tier
Compliance = tiers.Compliance

DEADLINE = 'deadline'
DEPRECATION_DUE = 'deprecation due'
REMOVAL_ALLOWED = 'removal allowed'
REMOVAL_DECLARED = 'removal declared'

# Series to look at past a driver's last declared event: a deprecation
# comes due at most three series after a prospective event, and a removal
# is allowed two series after a deprecation.
_HORIZON = 6


@dataclasses.dataclass(frozen=True)
class Event:
    """One entry of the timeline.

    :ivar series: the :class:`~oslo_messaging_support.Series`
    :ivar driver: the driver's name in the manifest
    :ivar kind: a lifecycle status, or :data:`DEADLINE`,
        :data:`DEPRECATION_DUE` or :data:`REMOVAL_ALLOWED`
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
    :ivar compliance: the driver's
        :class:`~oslo_messaging_support.engine.tiers.Compliance` there
        (``overdue`` or ``removable``)
    :ivar message: one sentence that says what is wrong and the decision
        due
    """

    driver: str
    series: object
    message: str
    compliance: object = None


def _point(series):
    return rules.EvaluationPoint(series=series,
                                 date=series.release_date)


def _declared_detail(entry, event, calendar):
    name = entry.name
    status = event.status
    if status == Tier.PROSPECTIVE and \
            event.series < rules.policy_series(calendar):
        # Nothing before it existed: the terms are told when they start.
        return ('%s is declared prospective since %s, before the support '
                'policy existed.' % (name, event.date.isoformat()))
    if status == Tier.PROSPECTIVE:
        terms = rules.prospective_terms(calendar, event.date)
        return ('%s is declared prospective since %s; %sit must meet the '
                'policy by %s, or its deprecation is due from %s.'
                % (name, event.date.isoformat(),
                   messages.policy_start_clause(terms.policy_start),
                   terms.deadline.isoformat(), terms.due.long_label))
    if status == Tier.DEPRECATED:
        declared = messages.declared_removal_clause(event.removal)
        return ('%s is declared deprecated; %sthe policy allows its removal '
                'from %s.' % (name, declared + '; ' if declared else '',
                              rules.removal_allowed_from(
                                  calendar, event.series).long_label))
    if status == Tier.REMOVED:
        return '%s is removed from oslo.messaging.' % name
    if status == Tier.TESTING:
        return '%s is declared a test-only driver.' % name
    return '%s is declared %s.' % (name, status)


def _removed_in(entry):
    for event in entry.lifecycle:
        if event.status == Tier.REMOVED:
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
    events = [Event(series=event.series, driver=entry.name,
                    kind=str(event.status), day=event.date,
                    detail=_declared_detail(entry, event, calendar))
              for event in entry.lifecycle]
    removed_in = _removed_in(entry)
    for event in entry.lifecycle:
        if event.removal is not None:
            events.append(Event(
                series=event.removal.series, driver=entry.name,
                kind=REMOVAL_DECLARED,
                detail='upstream declared %s\'s removal for %s (%s) when it '
                       'deprecated it in %s.' % (
                           entry.name, event.removal.series.long_label,
                           event.removal.quote, event.series.long_label)))
    previous = None
    for index in range(first.index, last.index + _HORIZON + 1):
        series = calendar.at(index)
        decision = rules.assess(manifest, calendar, entry.name,
                                _point(series))
        if decision.tier == Tier.PROSPECTIVE and \
                decision.deadline is not None and \
                calendar.under_development(decision.deadline) == series:
            terms = rules.prospective_terms(calendar, decision.since)
            events.append(Event(
                series=series, driver=entry.name, kind=DEADLINE,
                day=decision.deadline,
                detail='%s\'s compliance deadline %s falls in this cycle:'
                       ' %sit must meet the policy by that day, or its '
                       'deprecation is due from %s.'
                       % (entry.name, decision.deadline.isoformat(),
                          messages.policy_start_clause(terms.policy_start),
                          decision.deprecation_due.long_label)))
        if decision.compliance == Compliance.OVERDUE and \
                getattr(previous, 'compliance', None) != Compliance.OVERDUE:
            events.append(Event(
                series=series, driver=entry.name, kind=DEPRECATION_DUE,
                day=decision.deadline,
                detail='%s missed its compliance deadline %s: the policy '
                       'requires it to be marked deprecated from %s (or '
                       'declared supported with the evidence).'
                       % (entry.name, decision.deadline.isoformat(),
                          series.long_label)))
        if decision.compliance == Compliance.REMOVABLE and \
                getattr(previous, 'compliance', None) != \
                Compliance.REMOVABLE:
            if removed_in is not None:
                outcome = 'removed in %s' % removed_in.long_label
            else:
                outcome = 'the manifest records no removal'
            events.append(Event(
                series=series, driver=entry.name, kind=REMOVAL_ALLOWED,
                detail='the policy allows %s\'s removal from %s on, two '
                       'series after its deprecation in %s; %s.'
                       % (entry.name, series.long_label,
                          decision.deprecated_in.long_label, outcome)))
        previous = decision
    return sorted(events, key=lambda item: (item.series.index,
                                            _KIND_ORDER.get(item.kind, 0)))


_KIND_ORDER = {DEADLINE: 1, DEPRECATION_DUE: 2, REMOVAL_ALLOWED: 3,
               REMOVAL_DECLARED: 4, str(Tier.REMOVED): 5}


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


def decision_due(decision, calendar):
    """The maintainers' decision a driver's compliance asks for, or None.

    The decision is due in the series under development at the decision's
    evaluation point (:func:`.rules.development_series`), never in a
    series already released.

    :param decision: a :class:`~oslo_messaging_support.Decision`
    :returns: one sentence for an ``overdue`` or ``removable`` driver
    """
    name = decision.canonical or decision.driver
    series = rules.development_series(calendar, decision.point)
    if decision.compliance == Compliance.OVERDUE:
        later = rules.removal_allowed_from(calendar, series)
        return ('%s is prospective since %s and missed its compliance '
                'deadline %s, so its deprecation %s due from %s. Decision '
                'due: mark it deprecated in %s, after which its removal is '
                'allowed from %s; or declare it supported with the '
                'evidence that it meets the policy.'
                % (name, decision.since.isoformat(),
                   decision.deadline.isoformat(),
                   'was' if decision.deprecation_due < decision.point.series
                   else 'is',
                   decision.deprecation_due.long_label, series.long_label,
                   later.long_label))
    if decision.compliance == Compliance.REMOVABLE:
        return ('%s is deprecated since %s and the policy allows its removal'
                ' from %s, but oslo.messaging still ships it. Decision due: '
                'remove it (a removed event in %s); or declare it supported '
                'with the evidence that it meets the policy.'
                % (name, decision.deprecated_in.long_label,
                   decision.removal_in.long_label, series.long_label))
    return None


def gate_check(manifest, calendar, series):
    """What the maintainers must still decide at ``series``.

    Fails for every driver whose compliance there is ``overdue`` (a
    prospective driver past its deadline that oslo.messaging has not marked
    deprecated) or ``removable`` (deprecated at least two series ago and
    still shipped).

    :param manifest: the :class:`~oslo_messaging_support.Manifest`
    :param calendar: the :class:`~oslo_messaging_support.Calendar`
    :param series: the :class:`~oslo_messaging_support.Series` to check at
        (as of its release day), or an
        :class:`~oslo_messaging_support.EvaluationPoint` (its date says
        which series a decision can still land in)
    :returns: a list of :class:`Problem`, empty when the check passes
    """
    problems = []
    if isinstance(series, rules.EvaluationPoint):
        point, series = series, series.series
    else:
        point = _point(series)
    for entry in manifest.drivers.values():
        decision = rules.assess(manifest, calendar, entry.name, point)
        if decision.compliance not in rules.DECISION_DUE:
            continue
        problems.append(Problem(
            driver=entry.name, series=series,
            compliance=decision.compliance,
            message=decision_due(decision, calendar)))
    return problems
