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
"""The policy engine: a driver's tier and action at an evaluation point.

Rules (the "Supported Messaging Drivers" policy, made exact):

* the latest lifecycle event at or before the series gives the declared
  status;
* a deprecated driver may be removed two series after its deprecation
  (oslo.log's ``remove_in=2``); it stays deprecated until a ``removed``
  event, and from its removal series on the reason says the removal is due;
* a prospective driver's deadline is the later of its date plus six months
  and the release of the first full cycle after its date; after that it
  counts as deprecated from the series under development on the day after
  the deadline (or from a declared deprecation, whichever is earlier);
* a name the manifest does not know is unsupported;
* default actions: supported loads, prospective and deprecated warn,
  unsupported is refused unless the operator allows it, removed is always
  refused.
"""

import dataclasses
import datetime
import importlib.metadata

from oslo_messaging_support import _calendar

#: What happens when a service creates a transport with the driver.
LOAD = 'load'
WARN = 'warn'
REFUSE = 'refuse'

_DEFAULT_ACTIONS = {
    'supported': LOAD,
    'prospective': WARN,
    'deprecated': WARN,
    'unsupported': REFUSE,
    'removed': REFUSE,
}

#: The grace period of a prospective driver, in months.
GRACE_MONTHS = 6
#: Series between a deprecation and the earliest removal.
DEPRECATION_CYCLES = 2


@dataclasses.dataclass(frozen=True)
class EvaluationPoint:
    """Where in time the policy is applied.

    :ivar series: the :class:`~oslo_messaging_support.Series`
    :ivar date: a :class:`datetime.date`
    """

    series: _calendar.Series
    date: datetime.date


@dataclasses.dataclass(frozen=True)
class Settings:
    """The operator's choices that change an action.

    :ivar allow_unsupported: load every unsupported driver, with a warning
    :ivar allowed_drivers: driver names allowed whatever their tier (but
        removed), and exempt from strict mode
    :ivar strict: refuse prospective and deprecated drivers too
    """

    allow_unsupported: bool = False
    allowed_drivers: frozenset = frozenset()
    strict: bool = False


@dataclasses.dataclass(frozen=True)
class Decision:
    """The policy's verdict on one driver at one evaluation point.

    :ivar driver: the name asked for (``kombu``)
    :ivar canonical: the manifest's name (``rabbit``), or ``None``
    :ivar tier: one of the statuses
    :ivar action: ``'load'``, ``'warn'`` or ``'refuse'``
    :ivar reason: one sentence an operator understands
    :ivar deprecated_in: series of the (effective) deprecation, or ``None``
    :ivar removal_in: the earliest series that may remove it, or ``None``
    :ivar removed_in: the series it was removed in, or ``None``
    :ivar deadline: a prospective driver's deadline, or ``None``
    :ivar replacement: the driver to migrate to, or ``None``
    :ivar hint: what the operator can do about a refusal, or ``None``
    :ivar point: the :class:`EvaluationPoint`
    """

    driver: str
    canonical: object
    tier: str
    action: str
    reason: str
    point: EvaluationPoint
    deprecated_in: object = None
    removal_in: object = None
    removed_in: object = None
    deadline: object = None
    replacement: object = None
    hint: object = None

    def message(self):
        """The reason followed by the operator's way out, if any."""
        if self.hint:
            return '%s %s' % (self.reason, self.hint)
        return self.reason


def _today():
    return datetime.date.today()


def installed_oslo_messaging_version():
    """The installed oslo.messaging version string."""
    return importlib.metadata.version('oslo.messaging')


def evaluation_point(calendar, release=None, date=None):
    """Build the :class:`EvaluationPoint` for the given release and date.

    With a release, that series (and today, unless a date is given).  With
    only a date, the series under development on that date.  With neither,
    the series of the installed oslo.messaging and today.

    :raises CalendarError: an unknown series or a bad date
    """
    day = _calendar.parse_date(date) if date is not None else None
    if release is not None:
        series = calendar.get(release)
    elif day is not None:
        series = calendar.under_development(day)
    else:
        series = calendar.for_version(installed_oslo_messaging_version())
    return EvaluationPoint(series=series, date=day or _today())


def prospective_deadline(calendar, since):
    """The deadline of a driver prospective since ``since``.

    The later of ``since`` plus six months and the release of the first
    full cycle after ``since`` (the cycle of the series after the one under
    development on that day).
    """
    first_full_cycle = calendar.offset(calendar.under_development(since), 1)
    return max(_calendar.add_months(since, GRACE_MONTHS),
               first_full_cycle.release_date)


def _effective_history(entry, series, calendar):
    """(declared event, deprecation series, deadline) at ``series``."""
    declared = None
    deprecated_in = None
    deadline = None
    for event in entry.lifecycle:
        if event.series > series:
            break
        declared = event
        if event.status == 'supported':
            deprecated_in = deadline = None
        elif event.status == 'prospective':
            deadline = prospective_deadline(calendar, event.date)
            derived = calendar.under_development(
                deadline + datetime.timedelta(days=1))
            if deprecated_in is None or derived < deprecated_in:
                deprecated_in = derived
        elif event.status == 'deprecated':
            if deprecated_in is None or event.series < deprecated_in:
                deprecated_in = event.series
    return declared, deprecated_in, deadline


def _estimate_note(calendar, since, deadline):
    """' (an estimate: ...)' when the deadline is an estimated release."""
    first_full_cycle = calendar.offset(calendar.under_development(since), 1)
    if first_full_cycle.estimated and \
            first_full_cycle.release_date == deadline:
        return (' (the estimated release of %s, past the end of the '
                'calendar)' % first_full_cycle.label)
    return ''


def _deprecation_sentence(label, deprecated_in, removal_in, series):
    sentence = '%s is deprecated since %s' % (label,
                                              deprecated_in.long_label)
    if series < removal_in:
        return sentence + ' and may be removed in %s.' % removal_in.long_label
    if series == removal_in:
        return sentence + '; its removal is due in %s.' % \
            removal_in.long_label
    return sentence + '; its removal was due in %s and is overdue.' % \
        removal_in.long_label


def assess(manifest, calendar, name, point):
    """The policy tier of ``name`` at ``point``, with the default action.

    :param manifest: a :class:`~oslo_messaging_support.Manifest`
    :param calendar: a :class:`~oslo_messaging_support.Calendar`
    :param name: a driver or alias name, as taken from a transport URL
    :param point: an :class:`EvaluationPoint`
    :returns: a :class:`Decision`
    """
    entry = manifest.lookup(name)
    if entry is None:
        return Decision(
            driver=name, canonical=None, tier='unsupported', action=REFUSE,
            point=point,
            reason="'%s' is not a driver of the support manifest (a private "
                   "or third-party driver), so it is unsupported." % name)
    label = name if name == entry.name else '%s (an alias of %s)' % (
        name, entry.name)
    common = dict(driver=name, canonical=entry.name, point=point,
                  replacement=entry.replacement)
    series = point.series
    declared, deprecated_in, deadline = _effective_history(
        entry, series, calendar)
    removal_in = (calendar.offset(deprecated_in, DEPRECATION_CYCLES)
                  if deprecated_in else None)
    if declared is None:
        first = entry.lifecycle[0].series
        return Decision(
            tier='unsupported', action=REFUSE, **common,
            reason='%s did not exist yet in %s; it first appears in %s.'
                   % (label, series.long_label, first.long_label))
    status = declared.status
    use = (' Use %s instead.' % entry.replacement
           if entry.replacement else '')
    if status == 'removed':
        return Decision(
            tier='removed', action=REFUSE, removed_in=declared.series,
            deprecated_in=deprecated_in, removal_in=removal_in, **common,
            reason='%s was removed from oslo.messaging in %s.%s'
                   % (label, declared.series.long_label, use))
    if status == 'supported':
        return Decision(tier='supported', action=LOAD, **common,
                        reason='%s is a supported driver.' % label)
    if status == 'unsupported':
        return Decision(tier='unsupported', action=REFUSE, **common,
                        reason='%s is declared unsupported since %s.%s'
                        % (label, declared.series.long_label, use))
    if status == 'prospective' and not (deprecated_in and
                                        series >= deprecated_in):
        return Decision(
            tier='prospective', action=WARN, deadline=deadline,
            deprecated_in=None, removal_in=None, **common,
            reason='%s is prospective since %s: not supported by the '
                   'community until it meets the policy, which it must do '
                   'by %s%s or be deprecated in %s.'
                   % (label, declared.date.isoformat(), deadline.isoformat(),
                      _estimate_note(calendar, declared.date, deadline),
                      deprecated_in.long_label))
    sentence = _deprecation_sentence(label, deprecated_in, removal_in, series)
    if status == 'prospective' or (deadline and deprecated_in <
                                   declared.series):
        sentence = ('%s was prospective and did not meet the policy by its '
                    'deadline %s. ' % (label, deadline.isoformat()) +
                    sentence)
    return Decision(tier='deprecated', action=WARN, deadline=deadline,
                    deprecated_in=deprecated_in, removal_in=removal_in,
                    reason=(sentence + use).strip(), **common)


def with_identity(decision, expected, installed):
    """Downgrade a decision when the installed entry point is not genuine.

    :param decision: the :class:`Decision` from :func:`assess`
    :param expected: the manifest's ``module:Class`` target, or ``None``
    :param installed: the :class:`~oslo_messaging_support.InstalledDriver`
        objects registered under the name
    :returns: the same decision, or an ``unsupported`` one naming the
        targets and the distributions that provided them
    """
    if expected is None or not installed or decision.tier == 'removed':
        return decision
    foreign = [item for item in installed if item.target != expected]
    if not foreign and len(installed) == 1:
        return decision
    found = ', '.join('%s (from %s)' % (item.target, item.distribution)
                      for item in installed)
    if len(installed) > 1:
        problem = ('%d drivers are registered as %s: %s'
                   % (len(installed), decision.driver, found))
    else:
        problem = ('the %s driver installed here is %s'
                   % (decision.driver, found))
    return dataclasses.replace(
        decision, tier='unsupported', action=REFUSE,
        reason='%s, not the manifest\'s %s, so it is unsupported.'
               % (problem, expected))


def with_usage(decision, usage, supported_usage):
    """Refuse a driver used for something it cannot carry.

    :param usage: ``'rpc'`` or ``'notifications'``, or ``None``
    :param supported_usage: what the manifest says the driver carries
    """
    if usage is None or usage in supported_usage or \
            decision.action == REFUSE:
        return decision
    return dataclasses.replace(
        decision, action=REFUSE, hint=None,
        reason='%s cannot carry %s: it only implements %s. %s' % (
            decision.driver, 'RPC' if usage == 'rpc' else usage,
            ' and '.join(supported_usage),
            'Use %s for %s.' % (decision.replacement or 'rabbit',
                                'RPC' if usage == 'rpc' else usage)))


def with_settings(decision, settings):
    """Apply the operator's :class:`Settings` to a decision's action."""
    if settings is None:
        settings = Settings()
    named = decision.driver in settings.allowed_drivers or (
        decision.canonical in settings.allowed_drivers)
    tier = decision.tier
    if tier == 'unsupported':
        if named or settings.allow_unsupported:
            return dataclasses.replace(decision, action=WARN)
        return dataclasses.replace(
            decision, action=REFUSE,
            hint='To load it anyway, set [oslo_messaging_support] '
                 'allowed_drivers = %s (this driver only) or '
                 'allow_unsupported_drivers = True (every unsupported '
                 'driver).' % decision.driver)
    if tier in ('prospective', 'deprecated') and settings.strict:
        if named:
            return dataclasses.replace(decision, action=WARN)
        return dataclasses.replace(
            decision, action=REFUSE,
            hint='[oslo_messaging_support] strict_mode refuses %s drivers; '
                 'add %s to allowed_drivers to load it anyway.'
                 % (tier, decision.driver))
    return decision
