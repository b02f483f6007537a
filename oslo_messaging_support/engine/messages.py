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
"""The sentences the policy says, built from its facts.

Pure functions, with no oslo.messaging and no oslo.config import: the
policy engine (:mod:`.rules`) uses them for a decision's reason and
compliance detail, and the runtime for its warnings and refusals, so that
every channel says each fact once and in the same words.

:mod:`.tiers` loads when a sentence needs it: ``enable()``'s line does
not, and a service whose transports the compiled loads admit never loads
it.

Tense follows the evaluation point: a series before it is spoken of in the
past tense ("its deprecation was due from ocata"), the series itself and
later ones in the present ("the policy allows its removal from dalmatian").
"""

from oslo_messaging_support import exception


def _due(what, series, now):
    """``'<what> was due from X'`` or ``'<what> is due from X'``."""
    verb = 'was' if series < now else 'is'
    return '%s %s due from %s' % (what, verb, series.long_label)


def _allowed(series, now):
    """Whether the policy allows a removal, in the tense of ``now``."""
    if series < now:
        return 'the policy has allowed its removal since %s' % (
            series.long_label)
    return 'the policy allows its removal from %s' % series.long_label


_NUMBERS = ('no', 'one', 'two', 'three', 'four', 'five', 'six', 'seven',
            'eight', 'nine')


def _cycles(count):
    word = _NUMBERS[count] if 0 <= count < len(_NUMBERS) else str(count)
    return '%s series' % word


def policy_start_clause(policy_start):
    """What a driver older than the policy is told, ending in ``'; '``.

    :param policy_start: the day the policy took effect, when the grace
        period counts from it rather than from the driver's own date, else
        ``None``
    """
    if policy_start is None:
        return ''
    return ('the policy took effect on %s, after it was added, and its '
            'grace period counts from then; ' % policy_start.isoformat())


def grace_detail(deadline, due, estimate='', policy_start=None):
    """The compliance detail of a prospective driver before its deadline.

    :param deadline: the compliance deadline (a :class:`datetime.date`)
    :param due: the series from which its deprecation is due after it
    :param estimate: a note when the deadline is an estimated date
    :param policy_start: see :func:`policy_start_clause`
    """
    return ('%sits compliance deadline is %s%s, after which its deprecation '
            'is due from %s' % (policy_start_clause(policy_start),
                                deadline.isoformat(), estimate,
                                due.long_label))


def overdue_detail(deadline, due, now, policy_start=None):
    """The compliance detail of a prospective driver past its deadline."""
    return '%sit missed its compliance deadline %s (%s)' % (
        policy_start_clause(policy_start), deadline.isoformat(),
        _due('its deprecation', due, now))


def deprecated_detail(deprecated_in, removal_in, now, due=None):
    """The compliance detail of a deprecated driver.

    :param deprecated_in: the series it was declared deprecated in
    :param removal_in: the first series the policy allows its removal in
    :param now: the series of the evaluation point
    :param due: the series its deprecation was due from, when it was a
        prospective driver deprecated late, else ``None``
    """
    text = _allowed(removal_in, now)
    if removal_in <= now:
        text += ', and oslo.messaging still ships it'
    if due is not None and due < deprecated_in:
        text = ('its deprecation came later than the policy required '
                '(from %s); %s' % (due.long_label, text))
    return text


def removed_detail(removed_in, deprecated_in, cycles, required):
    """The compliance detail of a removed driver.

    :param cycles: series between the deprecation and the removal, or
        ``None`` without a declared deprecation
    :param required: the series the policy asks a deprecation to last
    """
    if deprecated_in is None:
        return ('removed in %s without a declared deprecation; the policy '
                'keeps a deprecated driver %s first'
                % (removed_in.long_label, _cycles(required)))
    text = 'removed in %s, %s after its deprecation in %s' % (
        removed_in.long_label, _cycles(cycles), deprecated_in.long_label)
    if cycles < required:
        return text + '; the policy keeps a deprecated driver %s' % (
            _cycles(required))
    return text


def before_policy_detail(series):
    """The compliance detail at a series before the policy existed."""
    return ('the support policy did not exist yet in %s and asked nothing '
            'of any driver' % series.long_label)


def no_evidence_detail(series, evidence_at):
    """A supported driver at a series the manifest holds no evidence for.

    :param evidence_at: the series the manifest's evidence was read at, or
        ``None``
    """
    text = ('the manifest holds no evidence of the policy\'s criteria at %s'
            % series.long_label)
    if evidence_at is not None:
        text += ' (its evidence was read at %s)' % evidence_at.long_label
    return text


def missing_evidence_detail(missing, series):
    """A supported driver whose evidence lacks some criteria."""
    return 'the manifest holds no evidence for %s at %s' % (
        ', '.join(missing), series.long_label)


def not_met_detail(failed):
    """A supported driver whose evidence fails some criteria."""
    return 'its evidence fails %s' % ', '.join(failed)


def declared_removal_clause(removal):
    """``upstream declared its removal for X ("words")``, or ``''``."""
    if removal is None:
        return ''
    return 'upstream declared its removal for %s (%s)' % (
        removal.series.long_label, removal.quote)


def testing_detail():
    """The compliance detail of a test-only driver."""
    return ('oslo.messaging ships it for unit tests, not for a deployment; '
            'the policy sets its criteria for drivers "shipped and '
            'documented as being supported", which it is not')


def reason(subject, tier, compliance, detail, since=None,
           deprecated_in=None, removed_in=None, declared_removal=None):
    """The sentence behind a decision, starting with ``subject``.

    :param subject: the driver as the sentence names it (``kafka``)
    :param tier: the declared :class:`~.tiers.Tier`
    :param compliance: the :class:`~.tiers.Compliance`
    :param detail: the compliance detail from the functions above
    :param since: the date (prospective) or series (other tiers) of the
        declared event
    :param declared_removal: the removal upstream announced with the
        deprecation, or ``None``
    """
    from oslo_messaging_support.engine import tiers
    Tier = tiers.Tier
    Compliance = tiers.Compliance
    if tier == Tier.SUPPORTED:
        if compliance == Compliance.COMPLIANT or not detail:
            return '%s is a supported driver.' % subject
        if compliance == Compliance.BEFORE_POLICY:
            return '%s is a supported driver; %s.' % (subject, detail)
        return ('%s is a supported driver; whether it meets the policy is '
                '%s: %s.' % (subject, compliance, detail)
                if compliance == Compliance.UNKNOWN else
                '%s is a supported driver, but %s.' % (subject, detail))
    if tier == Tier.TESTING:
        return '%s is a test-only driver: %s.' % (subject, detail)
    if tier == Tier.PROSPECTIVE:
        text = ('%s is prospective since %s; it is not supported by the '
                'community; %s' % (subject, since.isoformat(), detail))
        if compliance == Compliance.OVERDUE:
            text += '; oslo.messaging has not marked it for deprecation'
        return text + '.'
    declared = declared_removal_clause(declared_removal)
    if tier == Tier.DEPRECATED:
        return '%s is deprecated since %s; %s%s.' % (
            subject, deprecated_in.long_label,
            declared + '; ' if declared else '', detail)
    if tier == Tier.REMOVED:
        return '%s was %s%s.' % (subject, detail.replace(
            'removed in', 'removed from oslo.messaging in', 1),
            '; ' + declared if declared else '')
    return '%s is declared unsupported since %s.' % (subject,
                                                     since.long_label)


def unknown_reason(subject):
    """The reason for a name the manifest does not know."""
    return ('%s is not a driver of the support manifest (a private or '
            'third-party driver), so it is unsupported.' % subject)


def not_yet_reason(subject, series, first):
    """The reason for a driver asked about before its first event."""
    # Not "did not exist": rabbit's entry point was in the 1.2.0a1 alpha
    # (2013), before icehouse, the first series with an oslo.messaging
    # release; the manifest's record starts there.
    return ('%s is not a driver of %s: the manifest records it from %s on.'
            % (subject, series.long_label, first.long_label))


def overlay_sentence(driver, bundled, new, path):
    """What an overlay changed for one driver."""
    return '%s goes from %s to %s by the overlay at %s.' % (
        driver, bundled, new, path)


def revival_hint(driver, change):
    """Why a removed driver that an overlay brings back is refused."""
    return ('oslo.messaging removed %s, and an overlay alone may not '
            'reopen the gate for a removed driver: to load it anyway, add '
            '%s to [oslo_messaging_support] allowed_drivers as well.'
            % (change.driver, driver))


def _named(decision):
    """``transport driver 'kombu' (an alias of rabbit)``."""
    driver = decision.driver
    if not decision.canonical:
        # Not a driver of the manifest: the URL's scheme as given, quoted
        # short.  (Imported here: the known drivers never need it.)
        driver = exception.excerpt(driver)
    text = "transport driver '%s'" % driver
    if decision.canonical and decision.canonical != decision.driver:
        text += ' (an alias of %s)' % decision.canonical
    return text


def _predicate(decision):
    """The reason without its subject, or ``None`` if it has another."""
    subject = getattr(decision, 'subject', None)
    if subject and decision.reason.startswith(subject + ' '):
        return decision.reason[len(subject) + 1:]
    return None


def _with_hint(text, decision):
    if decision.hint:
        return '%s %s' % (text, decision.hint)
    return text


def warning_text(decision):
    """The warning (and log line) for a driver that loads with a warning.

    ``Transport driver 'kafka' is prospective since 2015-12-01; ...``
    """
    predicate = _predicate(decision)
    named = _named(decision)
    named = named[0].upper() + named[1:]
    if predicate:
        return _with_hint('%s %s' % (named, predicate), decision)
    return _with_hint('%s: %s' % (named, decision.reason), decision)


def refusal_text(decision):
    """The message of a refusal (:class:`~.exception.UnsupportedDriver`).

    ``Refusing transport driver 'qpid': it was removed from ...``
    """
    predicate = _predicate(decision)
    if predicate:
        return _with_hint('Refusing %s: it %s' % (_named(decision),
                                                  predicate), decision)
    return _with_hint('Refusing %s: %s' % (_named(decision),
                                           decision.reason), decision)


def transport_context(where, url, series):
    """Where a transport's URL comes from and the series it was judged at.

    ``([DEFAULT] transport_url = kafka://broker/, at series flamingo
    (2025.2))``

    :param where: the option holding the URL (``[DEFAULT]
        transport_url``), or ``transport URL`` for one given in code
    :param url: the URL, masked already, or ``None`` to leave it out
    :param series: the series' label as the sentence shows it
    """
    if url is None:
        shown = where if where.startswith('[') else 'a %s given in code' % (
            where)
    elif where.startswith('['):
        shown = '%s = %s' % (where, url)
    else:
        shown = '%s %s' % (where, url)
    return '(%s, at series %s)' % (shown, series)


def silence_text(decision):
    """What silences the warning about a prospective or deprecated driver.

    ``None`` for other tiers, whose hint says what made them load.
    """
    from oslo_messaging_support.engine import tiers
    if decision.tier not in (tiers.Tier.PROSPECTIVE, tiers.Tier.DEPRECATED):
        return None
    return ('No [oslo_messaging_support] switch silences this warning: '
            'move to a supported driver, or declare the tier of %s for '
            'this deployment in a [oslo_messaging_support] '
            'manifest_overlay.' % (decision.canonical or decision.driver))


def test_only_text(decision):
    """The one INFO line of a test-only driver that a service loads."""
    return ('%s is a test-only driver: it loads, but it carries messages '
            'only within this process, so a deployment drops every '
            'message sent with it. [oslo_messaging_support] strict_mode '
            'refuses it.' % _capitalized(_named(decision)))


def _capitalized(text):
    return text[0].upper() + text[1:]


def enabled_text(series, version, release=None, overlay=None,
                 parsed=True):
    """The INFO line of ``enable()``.

    :param series: the label of the installed oslo.messaging's series,
        with ``(guessed ...)`` when the calendar does not list it
    :param version: the installed oslo.messaging's version
    :param release: ``evaluation_release``, or ``None``
    :param overlay: the overlay's path, or ``None``
    :param parsed: ``False`` when the configuration is not parsed yet, so
        that its options are still to be read
    """
    text = ('The Supported Messaging Drivers policy is on for every '
            'transport this process creates: it evaluates at series %s, '
            'that of the installed oslo.messaging %s' % (series, version))
    if release:
        text += (', and at [oslo_messaging_support] evaluation_release = '
                 '%s (the stricter decision wins)' % release)
    if not parsed:
        text += ('; the configuration is not parsed yet, so its '
                 '[oslo_messaging_support] options are read at the first '
                 'transport created once it is')
    elif overlay:
        text += '; manifest overlay: %s' % overlay
    else:
        text += '; no manifest overlay'
    return text + '.'
