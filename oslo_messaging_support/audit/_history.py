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
"""History that broke the policy, read from a driver's lifecycle.

* a driver removed fewer than
  :data:`~oslo_messaging_support.engine.rules.DEPRECATION_CYCLES` series after
  its deprecation (``early-removal``), or removed with no deprecation at
  all once the policy was in force (``removed-without-deprecation``);
* a prospective driver past its deadline with no decision
  (``never-decided``: its compliance is ``overdue``), or decided only after
  the series the deadline called for (``late-decision``);
* a deprecated driver whose removal the policy allows and that is still
  shipped at the evaluation point (``removable``).

The deadline and the series a decision is due in come from
:func:`oslo_messaging_support.engine.rules.prospective_terms`, and the decision
due from :func:`oslo_messaging_support.engine.schedule.decision_due`, as for
``schedule --check``.
"""

from oslo_messaging_support.audit import _model
from oslo_messaging_support.engine import driver_manifest
from oslo_messaging_support.engine import messages
from oslo_messaging_support.engine import rules
from oslo_messaging_support.engine import schedule
from oslo_messaging_support.engine import tiers

#: The series the policy took effect in.
POLICY_SERIES = rules.POLICY_SERIES


def _sources(*events):
    return '; '.join('%s %s: %s' % (event.status, event.series.label,
                                    event.source or 'no source')
                     for event in events)


def _judged(entry, calendar, point):
    """The policy's decision on the driver alone at ``point``."""
    alone = driver_manifest.Manifest({entry.name: entry})
    return rules.assess(alone, calendar, entry.name, point)


def _prospective(entry, calendar, point, index, event):
    terms = rules.prospective_terms(calendar, event.date)
    deadline, due = terms.deadline, terms.due
    decision = next((later for later in entry.lifecycle[index + 1:]
                     if later.status != tiers.Tier.PROSPECTIVE and
                     later.series <= point.series), None)
    if decision is None:
        judged = _judged(entry, calendar, point)
        if judged.compliance != tiers.Compliance.OVERDUE:
            return None
        return _model.HistoryFinding(
            kind='never-decided', series=due.label,
            detail=schedule.decision_due(judged, calendar),
            source=_sources(event))
    if decision.series <= due:
        return None
    return _model.HistoryFinding(
        kind='late-decision', series=decision.series.label,
        detail='%s was prospective since %s (deadline %s, decision due in '
               '%s) and was declared %s only in %s'
               % (entry.name, event.date.isoformat(), deadline.isoformat(),
                  due.long_label, decision.status,
                  decision.series.long_label),
        source=_sources(event, decision))


def _removal(entry, calendar, index, event):
    earlier = entry.lifecycle[:index]
    deprecation = next((item for item in reversed(earlier)
                        if item.status == tiers.Tier.DEPRECATED), None)
    if deprecation is None:
        if event.series < calendar.get(POLICY_SERIES):
            return None
        return _model.HistoryFinding(
            kind='removed-without-deprecation', series=event.series.label,
            detail='%s was removed in %s without a recorded deprecation'
                   % (entry.name, event.series.long_label),
            source=_sources(event))
    earliest = calendar.offset(deprecation.series,
                               rules.DEPRECATION_CYCLES)
    if event.series >= earliest:
        return None
    cycles = event.series.index - deprecation.series.index
    declared = messages.declared_removal_clause(deprecation.removal)
    return _model.HistoryFinding(
        kind='early-removal', series=event.series.label,
        detail='%s was deprecated in %s and removed in %s, %d cycle%s '
               'later; the policy keeps a deprecated driver %d cycles '
               '(removal from %s)%s'
               % (entry.name, deprecation.series.long_label,
                  event.series.long_label, cycles,
                  '' if cycles == 1 else 's', rules.DEPRECATION_CYCLES,
                  earliest.long_label,
                  '; %s with the deprecation' % declared if declared
                  else ''),
        source=_sources(deprecation, event))


def history(entry, calendar, point):
    """The policy breaches in a driver's lifecycle, oldest first.

    :param entry: a :class:`~oslo_messaging_support.DriverEntry`
    :param calendar: the :class:`~oslo_messaging_support.Calendar`
    :param point: the :class:`~oslo_messaging_support.EvaluationPoint`;
        events after its series are ignored
    :returns: a list of :class:`~._model.HistoryFinding`
    """
    found = []
    for index, event in enumerate(entry.lifecycle):
        if event.series > point.series:
            break
        item = None
        if event.status == tiers.Tier.PROSPECTIVE and \
                event.date is not None:
            item = _prospective(entry, calendar, point, index, event)
        elif event.status == tiers.Tier.REMOVED:
            item = _removal(entry, calendar, index, event)
        if item is not None:
            found.append(item)
    judged = _judged(entry, calendar, point)
    if judged.compliance == tiers.Compliance.REMOVABLE:
        found.append(_model.HistoryFinding(
            kind='removable', series=judged.removal_in.label,
            detail=schedule.decision_due(judged, calendar),
            source=_sources(*[event for event in entry.lifecycle
                              if event.status == tiers.Tier.DEPRECATED])))
    return found
