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
"""The policy engine: a driver's tier, compliance and action at a point.

Pure: no oslo.messaging and no oslo.config import.  The rules (the
"Supported Messaging Drivers" policy, made exact):

* **tier** = what upstream declared: the latest lifecycle event at or
  before the series (:class:`~.tiers.Tier`); a name the manifest does not
  know, or a driver asked about before its first event, is unsupported.
  Nothing is re-tiered automatically;
* **compliance** = what the policy requires, beside the tier
  (:class:`~.tiers.Compliance`): a prospective driver's deadline is the
  later of its date plus six months and the release of the first full
  cycle from its date on (the cycle that starts on that date, if one
  does), and its deprecation is due from the series under
  development on the day after the deadline (:func:`prospective_terms`,
  the one place that computes both); a deprecated driver may be removed two
  series after its declared deprecation (oslo.log's ``remove_in=2``);
* **the policy's start**: the policy took effect with the Liberty cycle
  (its spec's release table: "Liberty: Introduced"), and required nothing
  before it.  A driver that was already prospective then (amqp, added in
  Juno) has its grace period counted from the first day of that cycle,
  the day after Kilo's release (2015-05-01), not from its own date;
* **action** by tier: supported and testing load, prospective and
  deprecated warn, unsupported is refused unless the operator allows it,
  removed is always refused; strict mode refuses prospective and
  deprecated drivers too.
"""

import datetime

from oslo_messaging_support.engine import messages
from oslo_messaging_support.engine import records
from oslo_messaging_support.engine import release_calendar
from oslo_messaging_support.engine import settings
from oslo_messaging_support.engine import tiers
from oslo_messaging_support.engine import versions
from oslo_messaging_support import exception

Tier = tiers.Tier
Action = tiers.Action
Compliance = tiers.Compliance

#: What happens when a service creates a transport with the driver.
LOAD = Action.LOAD
WARN = Action.WARN
REFUSE = Action.REFUSE

#: The default action of each tier (see :class:`~.tiers.Tier`).
DEFAULT_ACTIONS = {tier: tier.default_action for tier in Tier}

#: The tiers strict mode refuses.
STRICT_REFUSES = frozenset(tier for tier in Tier if tier.strict_refuses)

#: Compliance values that ask the maintainers for a decision.
DECISION_DUE = frozenset((Compliance.OVERDUE, Compliance.REMOVABLE))

#: The grace period of a prospective driver, in months.
GRACE_MONTHS = 6
#: Series between a deprecation and the earliest removal.
DEPRECATION_CYCLES = 2
#: The series whose cycle the policy took effect in (the release table of
#: openstack-specs specs/supported-messaging-drivers.rst: "Liberty:
#: Introduced").
POLICY_SERIES = 'liberty'


class EvaluationPoint(records.Record):
    """Where in time the policy is applied.

    :ivar series: the :class:`~oslo_messaging_support.Series`
    :ivar date: a :class:`datetime.date`
    :ivar mapping: the :class:`~.release_calendar.VersionSeries` when the
        series was read from an oslo.messaging version (its ``exact`` says
        whether the series is a guess), else ``None``
    """

    __slots__ = ('series', 'date', 'mapping')
    _defaults = {'mapping': None}
    _uncompared = ('mapping',)

    @property
    def guessed(self):
        """``True`` when the series is a guess from a version."""
        return self.mapping is not None and not self.mapping.exact


#: The operator's choices (defined in :mod:`.settings`).
Settings = settings.Settings


class Decision(records.Record):
    """The policy's verdict on one driver at one evaluation point.

    :ivar driver: the name asked for (``kombu``)
    :ivar canonical: the manifest's name (``rabbit``), or ``None``
    :ivar tier: the declared :class:`~.tiers.Tier`
    :ivar action: the :class:`~.tiers.Action`
    :ivar reason: one sentence an operator understands
    :ivar compliance: the :class:`~.tiers.Compliance`
    :ivar compliance_detail: what the policy requires, one clause, or
        ``None``
    :ivar deprecated_in: the series of the declared deprecation, or
        ``None`` (never a series the policy derives)
    :ivar removal_in: for a removed driver, the series it was removed in;
        for a deprecated one, the earliest series the policy allows its
        removal in; else ``None``
    :ivar declared_removal: the :class:`~.driver_manifest.DeclaredRemoval`
        upstream announced with the driver's deprecation (its series and
        words),
        or ``None`` where upstream declared none; shown beside
        ``removal_in``, never in its place
    :ivar removed_in: the series it was removed in, or ``None``
    :ivar since: the date a prospective driver became prospective, or
        ``None``
    :ivar deadline: a prospective driver's compliance deadline, or ``None``
    :ivar deprecation_due: a prospective driver's series from which its
        deprecation is due, or ``None``
    :ivar replacement: what upstream told the driver's users to move to,
        in upstream's words, from the series in which it said so (see
        :class:`~oslo_messaging_support.DriverEntry`), or ``None``
    :ivar hint: what the operator can do about a refusal, or ``None``
    :ivar point: the :class:`EvaluationPoint`
    :ivar subject: how the reason names the driver (``kombu (an alias of
        rabbit)``)
    :ivar overlay_change: the
        :class:`~oslo_messaging_support.engine.support.OverlayChange`
        behind the tier when an operator's overlay changed the driver's
        bundled tier, else ``None``
    """

    __slots__ = ('driver', 'canonical', 'tier', 'action', 'reason', 'point',
                 'compliance', 'compliance_detail', 'deprecated_in',
                 'removal_in', 'removed_in', 'since', 'deadline',
                 'deprecation_due', 'replacement', 'hint', 'subject',
                 'overlay_change', 'declared_removal')
    _defaults = {'compliance': Compliance.UNSUPPORTED,
                 'compliance_detail': None, 'deprecated_in': None,
                 'removal_in': None, 'removed_in': None, 'since': None,
                 'declared_removal': None,
                 'deadline': None, 'deprecation_due': None,
                 'replacement': None, 'hint': None, 'subject': None,
                 'overlay_change': None}

    @property
    def revived(self):
        """Whether an overlay brings back a driver oslo.messaging removed.

        The bundled manifest says the driver was removed at the decision's
        point; the overlay gives it another tier.
        """
        change = self.overlay_change
        return (change is not None and change.bundled == Tier.REMOVED and
                self.tier != Tier.REMOVED)

    @property
    def settings_matter(self):
        """Whether the operator's settings can change this decision.

        Its tier's trait (:attr:`~.tiers.Tier.settings_matter`), or a
        revival, which only ``allowed_drivers`` reopens.
        """
        return self.tier.settings_matter or self.revived

    def message(self):
        """The reason followed by the operator's way out, if any."""
        if self.hint:
            return '%s %s' % (self.reason, self.hint)
        return self.reason


class ProspectiveTerms(records.Record):
    """What the policy asks of a driver prospective since a date.

    :ivar since: the date it became prospective
    :ivar counted_from: the date its grace period counts from: ``since``,
        or the first day of the policy's cycle when ``since`` is earlier
        (see :func:`policy_start`)
    :ivar deadline: its compliance deadline
    :ivar due: the series from which its deprecation is due if it misses
        the deadline (the series under development the day after)
    :ivar estimate: a note when the deadline is an estimated release date,
        else ``''``
    """

    __slots__ = ('since', 'deadline', 'due', 'estimate', 'counted_from')
    _defaults = {'estimate': '', 'counted_from': None}

    @property
    def policy_start(self):
        """The day the policy took effect, when the grace counts from it.

        ``None`` for a driver that became prospective under the policy.
        """
        if self.counted_from is not None and self.counted_from > self.since:
            return self.counted_from
        return None


def _today():
    return datetime.date.today()


def evaluation_point(calendar, release=None, date=None):
    """Build the :class:`EvaluationPoint` for the given release and date.

    With a release, that series (and today, unless a date is given).  With
    only a date, the series under development on that date.  With neither,
    the series of the installed oslo.messaging and today.

    :raises CalendarError: an unknown series or a bad date
    """
    day = release_calendar.parse_date(date) if date is not None else None
    mapping = None
    if release is not None:
        series = calendar.get(release)
    elif day is not None:
        series = calendar.under_development(day)
    else:
        mapping = calendar.map_version(
            versions.installed_oslo_messaging_version())
        series = mapping.series
    return EvaluationPoint(series=series, date=day or _today(),
                           mapping=mapping)


def policy_series(calendar):
    """The series whose cycle the policy took effect in (liberty)."""
    recorded = getattr(calendar, 'policy', None)
    if recorded is not None:
        return recorded.series
    return calendar.get(POLICY_SERIES)


def policy_start(calendar):
    """The day the policy took effect: the first day of its cycle.

    The calendar records it with its source (``policy`` in
    ``release-calendar.yaml``: 2015-05-01); a calendar that records none
    gives the day after the release of the series before
    :data:`POLICY_SERIES` (Kilo, 2015-04-30, so 2015-05-01 too).

    :returns: a :class:`datetime.date`, or ``None`` when the calendar does
        not hold the policy's series
    """
    recorded = getattr(calendar, 'policy', None)
    if recorded is not None:
        return recorded.date
    table = calendar.series
    for previous, series in zip(table, table[1:]):
        if series.name == POLICY_SERIES:
            return previous.release_date + datetime.timedelta(days=1)
    return None


def _first_full_cycle(calendar, day):
    """The first series whose whole development cycle is on or after ``day``.

    A cycle runs from the day after the previous series' release to the
    series' own release.  When ``day`` is the first day of a cycle, that
    cycle is a full one; any later day of it leaves only part of it, so the
    first full cycle is the next one.
    """
    current = calendar.under_development(day)
    if current.index > 0:
        previous = calendar.at(current.index - 1)
        if day == previous.release_date + datetime.timedelta(days=1):
            return current
    return calendar.offset(current, 1)


def prospective_terms(calendar, since):
    """The deadline of a driver prospective since ``since``, and more.

    The grace period counts from ``since``, or from :func:`policy_start`
    when ``since`` is earlier: the policy required nothing before it took
    effect.  The deadline is the later of that day plus six months and the
    release of the first full cycle from it on: the cycle that begins on
    that day when it is the first day of a cycle, else the cycle of the
    series after the one under development on that day.  The deprecation
    is due from the series under development on the day after the
    deadline.  Every
    consumer (the engine, the schedule, the audit, the docs) asks this
    function.

    :returns: a :class:`ProspectiveTerms`
    :raises CalendarError: the date is past the end of the calendar
    """
    since = release_calendar.parse_date(since)
    start = policy_start(calendar)
    counted_from = max(since, start) if start is not None else since
    first_full_cycle = _first_full_cycle(calendar, counted_from)
    deadline = max(release_calendar.add_months(counted_from, GRACE_MONTHS),
                   first_full_cycle.release_date)
    due = calendar.under_development(deadline + datetime.timedelta(days=1))
    estimate = ''
    if first_full_cycle.estimated and \
            first_full_cycle.release_date == deadline:
        estimate = (' (the estimated release of %s, past the end of the '
                    'calendar)' % first_full_cycle.label)
    return ProspectiveTerms(since=since, deadline=deadline, due=due,
                            estimate=estimate, counted_from=counted_from)


def prospective_deadline(calendar, since):
    """The compliance deadline of a driver prospective since ``since``."""
    return prospective_terms(calendar, since).deadline


def development_series(calendar, point):
    """The series under development at an evaluation point.

    That is where a decision taken at the point can land: the point's own
    series while it is not released on the point's date, else the series
    under development on that date (a released series takes no new
    deprecation or removal).

    :param point: an :class:`EvaluationPoint`
    :returns: a :class:`~oslo_messaging_support.Series`
    """
    if point.date is None or point.date <= point.series.release_date:
        return point.series
    return calendar.under_development(point.date)


def removal_allowed_from(calendar, deprecated_in):
    """The first series the policy allows a removal in."""
    return calendar.offset(deprecated_in, DEPRECATION_CYCLES)


class Standing(records.Record):
    """A driver's declared history as of one series.

    :ivar declared: the latest :class:`~.driver_manifest.LifecycleEvent` at or
        before the series, or ``None``
    :ivar prospective: the prospective event the driver's current standing
        started from, or ``None``
    :ivar deprecation: the deprecated event of its current standing, or
        ``None``
    """

    __slots__ = ('declared', 'prospective', 'deprecation')
    _defaults = {'declared': None, 'prospective': None, 'deprecation': None}


def standing(entry, series):
    """The :class:`Standing` of a driver at ``series``."""
    declared = prospective = deprecation = None
    for event in entry.lifecycle:
        if event.series > series:
            break
        declared = event
        if event.status in (Tier.SUPPORTED, Tier.TESTING):
            prospective = deprecation = None
        elif event.status == Tier.PROSPECTIVE:
            prospective, deprecation = event, None
        elif event.status == Tier.DEPRECATED and deprecation is None:
            deprecation = event
    return Standing(declared, prospective, deprecation)


def evidence_series(manifest, calendar):
    """The series the manifest's evidence was read at, or ``None``.

    The manifest's ``evidence_release`` (``oslo.messaging 18.3.1``) names
    an oslo.messaging release; its series is where the evidence holds.
    """
    release = manifest.evidence_release
    if not release:
        return None
    try:
        return calendar.map_version(str(release).split()[-1]).series
    except exception.CalendarError:
        # Not a version the calendar places: before every series.
        return calendar.series[0]


def _evidence_compliance(entry, series, evidence_at):
    """``(compliance, detail)`` of a supported driver from its evidence.

    The manifest's evidence holds at the series of its evidence release
    only: at any other series the manifest holds no evidence, and the
    compliance is ``unknown``.  (A manifest that names no evidence release,
    such as a distribution's own, states its evidence for every series.)
    Where it holds, every criterion must pass for ``compliant``; one that
    fails makes it ``not-met``, one without evidence (``unknown``, or
    absent) ``unknown``.
    """
    if evidence_at is not None and series != evidence_at:
        return Compliance.UNKNOWN, messages.no_evidence_detail(
            series, evidence_at)
    failed = []
    missing = []
    for criterion in tiers.CRITERIA:
        item = entry.evidence.get(criterion)
        if item is None or item.result not in ('pass', 'fail'):
            missing.append(criterion)
        elif item.result == 'fail':
            failed.append(criterion)
    if failed:
        return Compliance.NOT_MET, messages.not_met_detail(failed)
    if len(missing) == len(tiers.CRITERIA):
        return Compliance.UNKNOWN, messages.no_evidence_detail(series, None)
    if missing:
        return Compliance.UNKNOWN, messages.missing_evidence_detail(
            missing, series)
    return Compliance.COMPLIANT, None


def _judge(calendar, state, series, entry=None, evidence_at=None):
    """``(compliance, detail, facts)`` for a declared standing."""
    declared = state.declared
    tier = Tier(declared.status)
    facts = {}
    before_policy = series < policy_series(calendar)
    if tier in (Tier.SUPPORTED, Tier.PROSPECTIVE) and before_policy:
        # Nothing before it existed: no deadline, no start date quoted.
        if tier == Tier.PROSPECTIVE:
            facts['since'] = state.prospective.date
        return (Compliance.BEFORE_POLICY,
                messages.before_policy_detail(series), facts)
    terms = (prospective_terms(calendar, state.prospective.date)
             if state.prospective is not None else None)
    if tier == Tier.SUPPORTED:
        compliance, detail = _evidence_compliance(entry, series,
                                                  evidence_at)
        return compliance, detail, facts
    if tier == Tier.TESTING:
        return Compliance.TEST_ONLY, messages.testing_detail(), facts
    if tier == Tier.PROSPECTIVE:
        facts.update(since=terms.since, deadline=terms.deadline,
                     deprecation_due=terms.due)
        start = terms.policy_start
        if series < terms.due:
            return (Compliance.GRACE,
                    messages.grace_detail(terms.deadline, terms.due,
                                          terms.estimate, start), facts)
        return (Compliance.OVERDUE,
                messages.overdue_detail(terms.deadline, terms.due, series,
                                        start), facts)
    deprecated_in = (state.deprecation.series if state.deprecation
                     else None)
    facts['deprecated_in'] = deprecated_in
    facts['declared_removal'] = (state.deprecation.removal
                                 if state.deprecation else None)
    if tier == Tier.DEPRECATED:
        allowed = removal_allowed_from(calendar, deprecated_in)
        facts['removal_in'] = allowed
        compliance = (Compliance.DEPRECATED if series < allowed
                      else Compliance.REMOVABLE)
        return compliance, messages.deprecated_detail(
            deprecated_in, allowed, series,
            terms.due if terms else None), facts
    if tier == Tier.REMOVED:
        facts.update(removal_in=declared.series, removed_in=declared.series)
        cycles = (declared.series.index - deprecated_in.index
                  if deprecated_in else None)
        compliance = (Compliance.REMOVED
                      if cycles is not None and cycles >= DEPRECATION_CYCLES
                      else Compliance.REMOVED_EARLY)
        return compliance, messages.removed_detail(
            declared.series, deprecated_in, cycles,
            DEPRECATION_CYCLES), facts
    return Compliance.UNSUPPORTED, None, facts


def assess(manifest, calendar, name, point):
    """The declared tier and the compliance of ``name`` at ``point``.

    :param manifest: a :class:`~oslo_messaging_support.Manifest`
    :param calendar: a :class:`~oslo_messaging_support.Calendar`
    :param name: a driver or alias name, as taken from a transport URL
    :param point: an :class:`EvaluationPoint`
    :returns: a :class:`Decision` with the tier's default action
    """
    entry = manifest.lookup(name)
    if entry is None:
        # A name no manifest knows comes from a transport URL as given:
        # quoted short.  (Imported here: the known drivers never need it.)
        subject = "'%s'" % exception.excerpt(name)
        return Decision(
            driver=name, canonical=None, tier=Tier.UNSUPPORTED,
            action=REFUSE, point=point, subject=subject,
            compliance=Compliance.UNSUPPORTED,
            reason=messages.unknown_reason(subject))
    subject = name if name == entry.name else '%s (an alias of %s)' % (
        name, entry.name)
    series = point.series
    replacement = replacement_at(entry, series)
    common = dict(driver=name, canonical=entry.name, point=point,
                  replacement=replacement, subject=subject)
    state = standing(entry, series)
    if state.declared is None:
        return Decision(
            tier=Tier.UNSUPPORTED, action=REFUSE,
            compliance=Compliance.UNSUPPORTED, **common,
            reason=messages.not_yet_reason(subject, series,
                                           entry.lifecycle[0].series))
    tier = Tier(state.declared.status)
    compliance, detail, facts = _judge(
        calendar, state, series, entry,
        evidence_series(manifest, calendar) if tier == Tier.SUPPORTED
        else None)
    since = (state.declared.date if tier == Tier.PROSPECTIVE
             else state.declared.series)
    reason = messages.reason(subject, tier, compliance, detail,
                             since=since,
                             deprecated_in=facts.get('deprecated_in'),
                             declared_removal=facts.get('declared_removal'))
    if replacement and tier in (Tier.DEPRECATED, Tier.REMOVED,
                                Tier.UNSUPPORTED):
        reason += ' Use %s instead.' % replacement
    return Decision(tier=tier, action=DEFAULT_ACTIONS[tier], reason=reason,
                    compliance=compliance, compliance_detail=detail,
                    **facts, **common)


def replacement_at(entry, series):
    """What upstream told a driver's users to move to, as of ``series``.

    Upstream's words from the series in which it named them
    (``replacement_named``), nothing before; for an entry that records no
    such words (an overlay's), its ``replacement`` driver.
    """
    named = entry.replacement_named
    if named is not None:
        return named.words if series >= named.series else None
    return entry.replacement


def stricter(first, second):
    """The decision with the stricter action (``first`` on a tie).

    :param first: a :class:`Decision`
    :param second: a :class:`Decision`
    :returns: ``second`` when its action's severity is higher, else
        ``first``
    """
    if Action(second.action).severity > Action(first.action).severity:
        return second
    return first


def with_identity(decision, expected, installed):
    """Downgrade a decision when the installed entry point is not genuine.

    :param decision: the :class:`Decision` from :func:`assess`
    :param expected: the manifest's ``module:Class`` target, or ``None``
    :param installed: the :class:`~oslo_messaging_support.InstalledDriver`
        objects registered under the name
    :returns: the same decision, or an ``unsupported`` one naming the
        targets and the distributions that provided them
    """
    if expected is None or not installed or decision.tier == Tier.REMOVED:
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
    return decision.replace(
        tier=Tier.UNSUPPORTED, action=REFUSE,
        compliance=Compliance.UNSUPPORTED, compliance_detail=None,
        deprecated_in=None, removal_in=None, since=None, deadline=None,
        deprecation_due=None, declared_removal=None,
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
    # Without an upstream replacement, rabbit: kafka's deployment guide
    # (doc/source/admin/kafka.rst, "Hybrid Messaging Deployment") has
    # rabbit carry the RPC that kafka cannot.
    return decision.replace(
        action=REFUSE, hint=None,
        reason='%s cannot carry %s: it only implements %s. %s' % (
            decision.driver, 'RPC' if usage == 'rpc' else usage,
            ' and '.join(supported_usage),
            'Use %s for %s.' % (decision.replacement or 'rabbit',
                                'RPC' if usage == 'rpc' else usage)))


def with_settings(decision, settings):
    """Apply the operator's :class:`Settings` to a decision's action.

    A driver that oslo.messaging removed and an overlay brings back
    (:attr:`Decision.revived`) is refused unless ``allowed_drivers`` names
    it as well: an overlay alone never reopens the gate.  Named, it is
    treated as its new tier says.
    """
    if settings is None:
        settings = Settings()
    named = decision.driver in settings.allowed_drivers or (
        decision.canonical in settings.allowed_drivers)
    tier = decision.tier
    if decision.revived:
        if not named:
            return decision.replace(
                action=REFUSE,
                hint=messages.revival_hint(decision.driver,
                                           decision.overlay_change))
        # Set afresh (not kept from the decision), so that applying other
        # settings to a refused decision can reopen it.
        decision = decision.replace(action=DEFAULT_ACTIONS[tier], hint=None)
    if tier == Tier.REMOVED:
        if named:
            return decision.replace(
                action=REFUSE,
                hint='[oslo_messaging_support] allowed_drivers names it, '
                     'but that override does not apply to removed '
                     'drivers: oslo.messaging no longer ships it.')
        return decision
    if tier.operator_may_allow:
        if named:
            return decision.replace(
                action=WARN,
                hint='It loads only because [oslo_messaging_support] '
                     'allowed_drivers names it.')
        if settings.allow_unsupported:
            return decision.replace(
                action=WARN,
                hint='It loads only because [oslo_messaging_support] '
                     'allow_unsupported_drivers is set.')
        return decision.replace(
            action=REFUSE,
            hint='To load it anyway, set [oslo_messaging_support] '
                 'allowed_drivers = %s (this driver only) or '
                 'allow_unsupported_drivers = True (every unsupported '
                 'driver).' % exception.excerpt(decision.driver))
    if tier in STRICT_REFUSES and settings.strict:
        if named:
            return decision.replace(action=WARN)
        return decision.replace(
            action=REFUSE,
            hint='[oslo_messaging_support] strict_mode refuses %s drivers; '
                 'add %s to allowed_drivers to load it anyway.'
                 % (tier, decision.driver))
    return decision
