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
"""Declared tier, required compliance and the sentences that say them.

The rules are proved on a small synthetic manifest written here, and the
real history of the bundled manifest is checked at several series.
"""

import ast
import datetime
import inspect
from unittest import mock

import oslo_messaging_support as oms
from oslo_messaging_support.engine import driver_manifest
from oslo_messaging_support.engine import messages
from oslo_messaging_support.engine import release_calendar
from oslo_messaging_support.engine import rules
from oslo_messaging_support.engine import schedule
from oslo_messaging_support.engine import support
from oslo_messaging_support.engine import tiers
from oslo_messaging_support.engine import versions
from oslo_messaging_support import exception
from tests import base

Tier = tiers.Tier
Compliance = tiers.Compliance

# One driver per rule.  Series of the bundled calendar: caracal (2024.1),
# dalmatian (2024.2), epoxy (2025.1), flamingo (2025.2), gazpacho
# (2026.1), hibiscus (2026.2).
SYNTHETIC = """
drivers:
  solid:
    entry_point: solid.impl:Driver
    usage: [rpc, notifications]
    lifecycle:
      - {series: caracal, status: supported, source: test}
    # no evidence release: the evidence holds at every series
    evidence: &passes
      coverage: {result: pass, source: test}
      unit_tests: {result: pass, source: test}
      integration: {result: pass, source: test}
      gate_voting: {result: pass, source: test}
      documentation: {result: pass, source: test}
      maintainers: {result: pass, source: test}
  tester:
    entry_point: tester.impl:Driver
    usage: [rpc]
    lifecycle:
      - {series: caracal, status: testing, source: test}
  newbie:
    # prospective since 2024-01-10 (caracal cycle): the first full cycle
    # after it is dalmatian, released 2024-10-02, later than six months
    # on; deprecation due from epoxy.
    entry_point: newbie.impl:Driver
    usage: [rpc]
    lifecycle:
      - {series: caracal, status: prospective, date: 2024-01-10,
         source: test}
  late:
    # prospective like newbie, declared deprecated only in flamingo.
    entry_point: late.impl:Driver
    usage: [rpc]
    replacement: solid
    lifecycle:
      - {series: caracal, status: prospective, date: 2024-01-10,
         source: test}
      - {series: flamingo, status: deprecated, source: test}
  old:
    # deprecated in caracal: removal allowed from epoxy, done in flamingo.
    entry_point: old.impl:Driver
    usage: [rpc]
    lifecycle:
      - {series: antelope, status: supported, source: test}
      - {series: caracal, status: deprecated, source: test}
      - {series: flamingo, status: removed, source: test}
  hasty:
    # deprecated in caracal, removed one series later.
    entry_point: hasty.impl:Driver
    usage: [rpc]
    lifecycle:
      - {series: antelope, status: supported, source: test}
      - {series: caracal, status: deprecated, source: test}
      - {series: dalmatian, status: removed, source: test}
  vanished:
    # removed with no deprecation at all.
    entry_point: vanished.impl:Driver
    usage: [rpc]
    lifecycle:
      - {series: antelope, status: supported, source: test}
      - {series: epoxy, status: removed, source: test}
  disowned:
    entry_point: disowned.impl:Driver
    usage: [rpc]
    lifecycle:
      - {series: antelope, status: supported, source: test}
      - {series: caracal, status: unsupported, source: test}
  revived:
    # deprecated, then declared supported again: nothing left of it.
    entry_point: revived.impl:Driver
    usage: [rpc]
    lifecycle:
      - {series: antelope, status: supported, source: test}
      - {series: bobcat, status: deprecated, source: test}
      - {series: caracal, status: supported, source: test}
    evidence: *passes
"""


class SyntheticTestCase(base.TestCase):

    def setUp(self):
        super().setUp()
        self.calendar = release_calendar.bundled_calendar()
        path = self.write_file('synthetic.yaml', SYNTHETIC)
        self.manifest = driver_manifest.load_manifest([path], self.calendar)

    def at(self, name, series):
        point = rules.EvaluationPoint(
            series=self.calendar.get(series),
            date=datetime.date(2026, 11, 27))
        return rules.assess(self.manifest, self.calendar, name, point)

    def verdict(self, name, series):
        decision = self.at(name, series)
        return decision.tier, decision.compliance, decision.action


class TierAndComplianceTest(SyntheticTestCase):
    """Each compliance value, exactly as defined."""

    def test_supported_is_compliant(self):
        self.assertEqual((Tier.SUPPORTED, Compliance.COMPLIANT, 'load'),
                         self.verdict('solid', 'hibiscus'))

    def test_testing_is_test_only_and_loads(self):
        decision = self.at('tester', 'hibiscus')
        self.assertEqual((Tier.TESTING, Compliance.TEST_ONLY, 'load'),
                         (decision.tier, decision.compliance,
                          decision.action))
        self.assertIn('unit tests', decision.compliance_detail)

    def test_prospective_grace_then_overdue(self):
        self.assertEqual((Tier.PROSPECTIVE, Compliance.GRACE, 'warn'),
                         self.verdict('newbie', 'dalmatian'))
        overdue = self.at('newbie', 'epoxy')
        self.assertEqual((Tier.PROSPECTIVE, Compliance.OVERDUE, 'warn'),
                         (overdue.tier, overdue.compliance, overdue.action))
        self.assertEqual('epoxy', overdue.deprecation_due.name)
        self.assertEqual(datetime.date(2024, 10, 2), overdue.deadline)
        self.assertEqual(datetime.date(2024, 1, 10), overdue.since)
        # Nothing is re-tiered, however long it waits.
        self.assertEqual((Tier.PROSPECTIVE, Compliance.OVERDUE, 'warn'),
                         self.verdict('newbie', '2030.1'))

    def test_overdue_says_from_which_series(self):
        self.assertIn('its deprecation is due from epoxy (2025.1)',
                      self.at('newbie', 'epoxy').compliance_detail)
        self.assertIn('its deprecation was due from epoxy (2025.1)',
                      self.at('newbie', 'gazpacho').compliance_detail)

    def test_deprecated_then_removable(self):
        deprecated = self.at('old', 'dalmatian')
        self.assertEqual((Tier.DEPRECATED, Compliance.DEPRECATED),
                         (deprecated.tier, deprecated.compliance))
        self.assertEqual(('caracal', 'epoxy'),
                         (deprecated.deprecated_in.name,
                          deprecated.removal_in.name))
        removable = self.at('old', 'epoxy')
        self.assertEqual((Tier.DEPRECATED, Compliance.REMOVABLE, 'warn'),
                         (removable.tier, removable.compliance,
                          removable.action))
        self.assertIn('still ships it', removable.reason)

    def test_removed_after_two_series(self):
        removed = self.at('old', 'hibiscus')
        self.assertEqual((Tier.REMOVED, Compliance.REMOVED, 'refuse'),
                         (removed.tier, removed.compliance, removed.action))
        self.assertEqual('flamingo', removed.removal_in.name)
        self.assertEqual('flamingo', removed.removed_in.name)
        self.assertEqual('caracal', removed.deprecated_in.name)

    def test_removed_early(self):
        self.assertEqual((Tier.REMOVED, Compliance.REMOVED_EARLY, 'refuse'),
                         self.verdict('hasty', 'epoxy'))
        self.assertIn('one series after its deprecation',
                      self.at('hasty', 'epoxy').reason)
        vanished = self.at('vanished', 'epoxy')
        self.assertEqual(Compliance.REMOVED_EARLY, vanished.compliance)
        self.assertIn('without a declared deprecation', vanished.reason)

    def test_unsupported(self):
        self.assertEqual((Tier.UNSUPPORTED, Compliance.UNSUPPORTED, 'refuse'),
                         self.verdict('disowned', 'epoxy'))
        self.assertEqual((Tier.UNSUPPORTED, Compliance.UNSUPPORTED, 'refuse'),
                         self.verdict('nobody-knows-me', 'epoxy'))
        self.assertEqual((Tier.UNSUPPORTED, Compliance.UNSUPPORTED, 'refuse'),
                         self.verdict('solid', 'antelope'))

    def test_late_deprecation(self):
        """Declared after it was due: deprecated, and the reason says so."""
        decision = self.at('late', 'flamingo')
        self.assertEqual((Tier.DEPRECATED, Compliance.DEPRECATED),
                         (decision.tier, decision.compliance))
        self.assertEqual('flamingo', decision.deprecated_in.name)
        self.assertEqual('hibiscus', decision.removal_in.name)
        self.assertIn('later than the policy required (from epoxy (2025.1))',
                      decision.reason)
        self.assertIn('Use solid instead.', decision.reason)
        self.assertIsNone(decision.deadline)

    def test_support_declared_again_clears_the_deprecation(self):
        decision = self.at('revived', 'epoxy')
        self.assertEqual((Tier.SUPPORTED, Compliance.COMPLIANT),
                         (decision.tier, decision.compliance))
        self.assertIsNone(decision.deprecated_in)
        self.assertIsNone(decision.removal_in)

    def test_enum_values(self):
        decision = self.at('newbie', 'epoxy')
        self.assertIsInstance(decision.tier, Tier)
        self.assertIsInstance(decision.compliance, Compliance)
        self.assertIsInstance(decision.action, tiers.Action)


class ColumnsTest(SyntheticTestCase):
    """Deprecated In, Removal In, Deadline: facts, never inferences."""

    def columns(self, name, series):
        decision = self.at(name, series)
        return (decision.deprecated_in and decision.deprecated_in.name,
                decision.removal_in and decision.removal_in.name,
                decision.deadline and decision.deadline.isoformat())

    def test_columns(self):
        self.assertEqual((None, None, None), self.columns('solid', 'epoxy'))
        self.assertEqual((None, None, '2024-10-02'),
                         self.columns('newbie', 'dalmatian'))
        # overdue: the derived series stays out of Deprecated In
        self.assertEqual((None, None, '2024-10-02'),
                         self.columns('newbie', 'hibiscus'))
        self.assertEqual(('caracal', 'epoxy', None),
                         self.columns('old', 'dalmatian'))
        self.assertEqual(('caracal', 'flamingo', None),
                         self.columns('old', 'hibiscus'))
        self.assertEqual(('caracal', 'dalmatian', None),
                         self.columns('hasty', 'hibiscus'))


class SettingsTest(SyntheticTestCase):
    """Actions by tier, with the operator's settings."""

    def act(self, name, series, **settings):
        decision = rules.with_settings(self.at(name, series),
                                       rules.Settings(**settings))
        return decision

    def test_strict_refuses_prospective_overdue_and_deprecated(self):
        for name, series in (('newbie', 'dalmatian'), ('newbie', 'epoxy'),
                             ('old', 'dalmatian'), ('old', 'epoxy')):
            decision = self.act(name, series, strict=True)
            self.assertEqual('refuse', decision.action, (name, series))
            self.assertIn('strict_mode', decision.hint)
        self.assertEqual('load',
                         self.act('solid', 'epoxy', strict=True).action)

    def test_strict_refuses_a_test_only_driver(self):
        """fake drops every message in a deployment: strict says no."""
        decision = self.act('tester', 'epoxy', strict=True)
        self.assertEqual('refuse', decision.action)
        self.assertIn('strict_mode refuses testing drivers', decision.hint)
        self.assertEqual('load', self.act('tester', 'epoxy').action)
        self.assertEqual('warn', self.act(
            'tester', 'epoxy', strict=True,
            allowed_drivers=frozenset(['tester'])).action)

    def test_removed_is_always_refused(self):
        decision = self.act('old', 'hibiscus', allow_unsupported=True,
                            allowed_drivers=frozenset(['old']))
        self.assertEqual('refuse', decision.action)
        self.assertIn('that override does not apply to removed drivers',
                      decision.message())
        self.assertIn('does not apply to removed drivers',
                      messages.refusal_text(decision))

    def test_unsupported_allowed_warns_and_says_why(self):
        decision = self.act('disowned', 'epoxy',
                            allowed_drivers=frozenset(['disowned']))
        self.assertEqual('warn', decision.action)
        self.assertIn('loads only because [oslo_messaging_support] '
                      'allowed_drivers names it', decision.message())


class RuleInOnePlaceTest(SyntheticTestCase):
    """The deadline arithmetic lives in prospective_terms only."""

    def test_terms(self):
        terms = rules.prospective_terms(self.calendar, '2024-01-10')
        self.assertEqual((datetime.date(2024, 10, 2), 'epoxy'),
                         (terms.deadline, terms.due.name))
        # 2024-09-20: six months (2025-03-20) is earlier than epoxy's
        # release (2025-04-02), the first full cycle after it.
        terms = rules.prospective_terms(self.calendar, '2024-09-20')
        self.assertEqual((datetime.date(2025, 4, 2), 'flamingo'),
                         (terms.deadline, terms.due.name))

    def test_terms_of_a_driver_older_than_the_policy(self):
        # The policy took effect on the first day of the Liberty cycle.
        self.assertEqual(datetime.date(2015, 5, 1),
                         rules.policy_start(self.calendar))
        terms = rules.prospective_terms(self.calendar, '2014-09-04')
        self.assertEqual((datetime.date(2015, 5, 1),
                          datetime.date(2015, 11, 1), 'mitaka'),
                         (terms.policy_start, terms.deadline,
                          terms.due.name))
        # A driver added under the policy counts from its own date.
        terms = rules.prospective_terms(self.calendar, '2015-12-01')
        self.assertIsNone(terms.policy_start)
        self.assertEqual(datetime.date(2015, 12, 1), terms.counted_from)

    def test_no_copy_of_the_arithmetic(self):
        """Schedule and audit call prospective_terms; none adds a day."""
        from oslo_messaging_support.audit import _history
        for module in (schedule, _history, rules):
            source = inspect.getsource(module).replace(' ', '')
            copies = source.count('under_development(deadline')
            self.assertEqual(1 if module is rules else 0, copies,
                             module.__name__)
            if module is not rules:
                self.assertIn('prospective_terms', source, module.__name__)

    def test_schedule_and_engine_agree(self):
        problems = schedule.gate_check(self.manifest, self.calendar,
                                       self.calendar.get('epoxy'))
        self.assertEqual({('newbie', Compliance.OVERDUE),
                          ('late', Compliance.OVERDUE),
                          ('old', Compliance.REMOVABLE)},
                         {(item.driver, item.compliance)
                          for item in problems})
        newbie = [item for item in problems if item.driver == 'newbie'][0]
        self.assertIn('Decision due: mark it deprecated in epoxy (2025.1),'
                      ' after which its removal is allowed from gazpacho '
                      '(2026.1); or declare it supported with the evidence',
                      newbie.message)
        self.assertEqual([], schedule.gate_check(
            self.manifest, self.calendar, self.calendar.get('dalmatian')))


class PureLayerTest(base.TestCase):
    """The policy layer imports neither oslo.messaging nor oslo.config."""

    def test_imports(self):
        from oslo_messaging_support.engine import support  # noqa: F401
        for module in (tiers, release_calendar, driver_manifest, rules,
                       messages, schedule):
            tree = ast.parse(inspect.getsource(module))
            names = set()
            for node in ast.walk(tree):
                if isinstance(node, ast.Import):
                    names.update(alias.name for alias in node.names)
                elif isinstance(node, ast.ImportFrom):
                    names.add(node.module or '')
            for name in names:
                self.assertFalse(
                    name.startswith(('oslo_messaging.', 'oslo_config')) or
                    name == 'oslo_messaging', (module.__name__, name))


class RealHistoryTest(base.TestCase):
    """The bundled manifest, driver by driver, through its life."""

    def life(self, name, *series):
        result = []
        for item in series:
            decision = oms.evaluate(name, release=item)
            result.append((item, str(decision.tier),
                           str(decision.compliance)))
        return result

    def test_kafka(self):
        self.assertEqual(
            [('liberty', 'unsupported', 'unsupported'),
             ('mitaka', 'prospective', 'grace'),
             ('newton', 'prospective', 'grace'),
             ('ocata', 'prospective', 'overdue'),
             ('hibiscus', 'prospective', 'overdue')],
            self.life('kafka', 'liberty', 'mitaka', 'newton', 'ocata',
                      'hibiscus'))
        decision = oms.evaluate('kafka', release='hibiscus')
        self.assertIsNone(decision.deprecated_in)
        self.assertIsNone(decision.removal_in)
        self.assertEqual('2016-10-06', decision.deadline.isoformat())

    def test_kafka_warning_says_each_fact_once(self):
        decision = oms.evaluate('kafka', release='hibiscus')
        text = messages.warning_text(decision)
        self.assertEqual(
            "Transport driver 'kafka' is prospective since 2015-12-01; it is"
            " not supported by the community; it missed its compliance "
            "deadline 2016-10-06 (its deprecation was due from ocata); "
            "oslo.messaging has not marked it for deprecation.", text)
        for fact in ('prospective', '2015-12-01', '2016-10-06', 'ocata'):
            self.assertEqual(1, text.count(fact), fact)
        self.assertNotIn('will be removed', text)
        self.assertNotIn('support tier', text)

    def test_past_series_in_the_past_tense(self):
        amqp = oms.evaluate('amqp', release='2024.1')
        self.assertIn('the policy allows its removal from dalmatian',
                      amqp.reason)
        later = rules.assess(
            oms.get_manifest(), oms.get_calendar(), 'amqp',
            rules.EvaluationPoint(oms.get_calendar().get('2024.2'),
                                  datetime.date(2024, 10, 2)))
        self.assertIn('allows its removal from dalmatian (2024.2), and '
                      'oslo.messaging still ships it', later.reason)
        text = messages.warning_text(later)
        self.assertEqual(1, text.count('deprecated'))
        self.assertNotIn('will be removed', text)

    def test_pika(self):
        self.assertEqual(
            [('mitaka', 'supported', 'unknown'),
             ('ocata', 'supported', 'unknown'),
             ('pike', 'deprecated', 'deprecated'),
             ('queens', 'deprecated', 'deprecated'),
             ('rocky', 'removed', 'removed')],
            self.life('pika', 'mitaka', 'ocata', 'pike', 'queens', 'rocky'))
        self.assertEqual('pike', oms.evaluate(
            'pika', release='queens').deprecated_in.name)

    def test_qpid(self):
        self.assertEqual(
            [('kilo', 'supported', 'before-policy'),
             ('liberty', 'deprecated', 'deprecated'),
             ('mitaka', 'removed', 'removed-early'),
             ('epoxy', 'removed', 'removed-early')],
            self.life('qpid', 'kilo', 'liberty', 'mitaka', 'epoxy'))
        self.assertEqual('mitaka', oms.evaluate(
            'qpid', release='epoxy').removal_in.name)

    def test_zmq(self):
        self.assertEqual(
            [('queens', 'supported', 'unknown'),
             ('rocky', 'deprecated', 'deprecated'),
             ('stein', 'removed', 'removed-early')],
            self.life('zmq', 'queens', 'rocky', 'stein'))
        self.assertEqual('stein', oms.evaluate(
            'zmq', release='train').removal_in.name)

    def test_amqp(self):
        self.assertEqual(
            [('icehouse', 'unsupported', 'unsupported'),
             ('juno', 'prospective', 'before-policy'),
             ('kilo', 'prospective', 'before-policy'),
             ('liberty', 'prospective', 'grace'),
             ('mitaka', 'prospective', 'overdue'),
             ('newton', 'supported', 'unknown'),
             ('zed', 'supported', 'unknown'),
             ('bobcat', 'deprecated', 'deprecated'),
             ('dalmatian', 'deprecated', 'removable'),
             ('epoxy', 'removed', 'removed')],
            self.life('amqp', 'icehouse', 'juno', 'kilo', 'liberty',
                      'mitaka', 'newton', 'zed', 'bobcat', 'dalmatian',
                      'epoxy'))

    def test_amqp_grace_counts_from_the_policy(self):
        """amqp predates the policy: its grace starts with Liberty.

        Counted from its own date (2014-09-04) its deadline would be Kilo's
        release and it would be overdue in Liberty, before the policy
        existed.  2015-05-01 is the first day of Liberty's cycle, so
        Liberty is a full cycle: the deadline is the later of its release
        (2015-10-15) and six months (2015-11-01), and the deprecation was
        due from Mitaka; upstream declared amqp supported only in Newton.
        """
        decision = oms.evaluate('amqp', release='mitaka')
        self.assertEqual(('2015-11-01', 'mitaka', 'overdue'),
                         (decision.deadline.isoformat(),
                          decision.deprecation_due.name,
                          decision.compliance))
        self.assertEqual(datetime.date(2014, 9, 4), decision.since)
        self.assertIn('amqp is prospective since 2014-09-04', decision.reason)
        self.assertIn('the policy took effect on 2015-05-01, after it was '
                      'added, and its grace period counts from then',
                      decision.reason)

    def test_fake(self):
        self.assertEqual(
            [('icehouse', 'testing', 'test-only'),
             ('hibiscus', 'testing', 'test-only')],
            self.life('fake', 'icehouse', 'hibiscus'))
        self.assertEqual('load', oms.evaluate('fake').action)

    def test_rabbit_at_the_installed_18_3_1_is_hibiscus(self):
        with mock.patch.object(versions, 'installed_oslo_messaging_version',
                               return_value='18.3.1'):
            support.POLICY.clear()
            self.addCleanup(support.POLICY.clear)
            point = oms.evaluate('rabbit').point
        self.assertEqual('hibiscus', point.series.name)
        self.assertFalse(point.guessed)


class RuntimePointTest(base.TestCase):
    """No time travel: a service never evaluates before its series."""

    def setUp(self):
        super().setUp()
        patcher = mock.patch.object(
            versions, 'installed_oslo_messaging_version',
            return_value='18.3.1')
        patcher.start()
        self.addCleanup(patcher.stop)
        self.policy = support.SupportPolicy()

    def in_service(self, name, release=None):
        point = self.policy.point(release) if release else None
        return self.policy.decide_in_service(name, point)

    def test_floor(self):
        self.assertEqual('hibiscus',
                         self.in_service('rabbit').point.series.name)
        self.assertEqual('hibiscus',
                         self.in_service('rabbit', '2023.1').point.series.name)
        self.assertEqual('hibiscus',
                         self.in_service('rabbit',
                                         'liberty').point.series.name)
        self.assertEqual('indri',
                         self.in_service('rabbit', '2027.1').point.series.name)
        past = self.in_service('amqp', '2023.1')
        self.assertEqual('refuse', past.action)
        self.assertEqual('hibiscus', past.point.series.name)
        self.assertEqual('refuse',
                         self.in_service('zmq', 'liberty').action)

    def test_looking_ahead_keeps_the_installed_refusal(self):
        """A later series cannot load what the installed one refuses."""
        self.assertEqual('refuse', self.in_service('amqp', '2027.1').action)

    def test_garbage_is_an_error(self):
        for value in ('banana', '2025.3', '9999.1'):
            self.assertRaises(exception.CalendarError,
                              self.in_service, 'rabbit', value)

    def test_other_consumers_still_evaluate_any_series(self):
        self.assertEqual('liberty', self.policy.point('liberty').series.name)

    def test_guessed_point_says_so(self):
        with mock.patch.object(versions, 'installed_oslo_messaging_version',
                               return_value='18.4.0'):
            point = rules.evaluation_point(self.policy.calendar)
        self.assertEqual('indri', point.series.name)
        self.assertTrue(point.guessed)
        self.assertIn('a guess', point.mapping.rule)


class OverlayChangesTest(base.TestCase):
    """An overlay that changes a bundled tier never does so silently."""

    def test_revived_amqp(self):
        overlay = self.write_file('overlay.yaml', """
            drivers:
              amqp:
                lifecycle:
                  - {series: juno, status: supported}
              kafka:
                description: a new description, the same tier
              mine:
                entry_point: mine.impl:Driver
                usage: [rpc]
                lifecycle:
                  - {series: epoxy, status: supported}
            """)
        policy = support.SupportPolicy()
        point = policy.point('hibiscus')
        changes = policy.overlay_changes(overlay, point)
        self.assertEqual(
            [('amqp', 'removed', 'supported', overlay),
             ('mine', 'unsupported', 'supported', overlay)],
            [(item.driver, str(item.bundled), str(item.tier), item.path)
             for item in changes])
        self.assertEqual('amqp goes from removed to supported by the '
                         'overlay at %s.' % overlay, changes[0].sentence())
        # an overlay alone does not reopen the gate: allowed_drivers must
        # name the driver as well
        decision = policy.decide('amqp', point, overlay)
        self.assertEqual('refuse', decision.action)
        self.assertIn('an overlay alone may not reopen the gate',
                      decision.hint)
        decision = policy.decide('amqp', point, overlay, oms.Settings(
            allowed_drivers=frozenset(['amqp'])))
        self.assertEqual('load', decision.action)
        self.assertIn('amqp goes from removed to supported by the overlay '
                      'at %s.' % overlay, decision.reason)
        self.assertNotIn('overlay', policy.decide('kafka', point,
                                                  overlay).reason)
        self.assertEqual([], policy.overlay_changes(None, point))


class TierTraitsTest(base.TestCase):
    """A tier's traits live with the tier."""

    def test_every_tier_has_its_action(self):
        self.assertEqual(
            {'supported': 'load', 'testing': 'load', 'prospective': 'warn',
             'deprecated': 'warn', 'unsupported': 'refuse',
             'removed': 'refuse'},
            {str(tier): str(rules.DEFAULT_ACTIONS[tier]) for tier in Tier})
        self.assertEqual({Tier.TESTING, Tier.PROSPECTIVE, Tier.DEPRECATED},
                         set(rules.STRICT_REFUSES))
        self.assertEqual(set(Tier), set(driver_manifest.STATUSES))
